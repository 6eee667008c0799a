// shutdown-join-in-teardown through a pure virtual function: the call's
// target has no body in the translation unit, but the note still names it.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>
#include <vector>

static void work() {}

struct Stoppable {
  virtual ~Stoppable() = default;
  virtual void stop() = 0;
};

class NetWorker : public Stoppable {
public:
  NetWorker() : t_(work) {}
  void stop() override {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+26]]:12: note: 'gSupervisor' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+19]]:7: note: 'Supervisor::~Supervisor' calls 'Stoppable::stop' here, which may dispatch to 'NetWorker::stop'
    t_.join();
  }

private:
  std::thread t_;
};

// Negative: an override that joins nothing.
class NullWorker : public Stoppable {
public:
  void stop() override {}
};

class Supervisor {
public:
  void add(Stoppable *S) { children_.push_back(S); }
  ~Supervisor() {
    for (Stoppable *S : children_)
      S->stop();
  }

private:
  std::vector<Stoppable *> children_;
};
Supervisor gSupervisor;

int main() {
  gSupervisor.add(new NetWorker);
  gSupervisor.add(new NullWorker);
}
