// shutdown-singleton-thread-without-uninit through an owning pointer to a
// base class: the static unique_ptr<Service> holds an Indexer, whose thread
// only teardown stops. The finding is on the class that owns the thread.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <memory>
#include <thread>

class Service {
public:
  virtual ~Service() = default;
};

// CHECK: :[[@LINE+1]]:7: warning: 'Indexer' has a static-storage instance and its thread 'Indexer::t_' stops only during static teardown{{.*}} [shutdown-singleton-thread-without-uninit]
class Indexer : public Service {
public:
  Indexer() : t_(&Indexer::run, this) {}
  ~Indexer() override { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
// CHECK: :[[@LINE+1]]:26: note: 'gService' has static storage: it is destroyed at exit
std::unique_ptr<Service> gService = std::make_unique<Indexer>();

// Negative: a derived class whose thread a public Stop() joins.
class Stoppable : public Service {
public:
  Stoppable() : t_([] {}) {}
  void Stop() {
    if (t_.joinable())
      t_.join();
  }
  ~Stoppable() override { Stop(); }

private:
  std::thread t_;
};
std::unique_ptr<Service> gOther = std::make_unique<Stoppable>();
