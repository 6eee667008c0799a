// Threads held through wrapper classes: a member whose class wraps a
// pthread_t (and a started_ flag), at any depth, in arrays, containers and
// smart pointers. The wrapper's destructor does nothing; its owner's
// destructor calls the wrapper's Join(). With no stop called before exit,
// the owner is a singleton whose threads only teardown stops. With the stop
// called from main (STOPPED), clean. The classes are file-local, so that
// only what main reaches is ordinary code.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*' -- -std=c++17 -DSTOPPED 2>&1 | FileCheck %s --check-prefix=STOPPED --allow-empty --implicit-check-not="{{warning|error}}:"
// STOPPED-NOT: warning:

#include <memory>
#include <pthread.h>
#include <vector>

namespace {

// A thin wrapper: trivially destructible, joins only when started.
class Thread {
public:
  void Start() {
    started_ = pthread_create(&tid_, nullptr, &Thread::Run, this) == 0;
  }
  void Join() {
    if (started_)
      // CHECK: :[[@LINE+1]]:7: warning: 'pthread_join' waits for thread 'tid_' during static teardown{{.*}} [shutdown-join-in-teardown]
      pthread_join(tid_, nullptr);
    started_ = false;
  }

private:
  static void *Run(void *) { return nullptr; }
  pthread_t tid_{};
  bool started_ = false;
};

// A wrapper of the wrapper.
class Worker {
public:
  void Start() { thread_.Start(); }
  void Stop() { thread_.Join(); }

private:
  Thread thread_;
};

#ifndef STOPPED
// ---- Positives: nothing stops them before exit. ---------------------------

// CHECK: :[[@LINE+1]]:7: warning: 'Service' has a static-storage instance and its thread 'Thread::tid_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
class Service {
public:
  void Start() {
    for (Worker &w : workers_)
      w.Start();
  }
  ~Service() { Stop(); }

private:
  void Stop() {
    for (Worker &w : workers_)
      w.Stop();
  }
  Worker workers_[2];
};
Service gService;

// Containers and smart pointers of wrappers.
// CHECK: :[[@LINE+1]]:7: warning: 'Pool' has a static-storage instance and its thread 'Thread::tid_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
class Pool {
public:
  void Grow() {
    workers_.push_back(std::make_unique<Worker>());
    workers_.back()->Start();
  }
  ~Pool() {
    for (auto &w : workers_)
      w->Stop();
  }

private:
  std::vector<std::unique_ptr<Worker>> workers_;
};
Pool &pool() {
  static Pool p;
  return p;
}

#else
// ---- Negative: the same service, stopped from main. -----------------------

class StoppedService {
public:
  void Start() { worker_.Start(); }
  void Stop() { worker_.Stop(); }
  ~StoppedService() { Stop(); }

private:
  Worker worker_;
};
StoppedService gStopped;
#endif

} // namespace

int main() {
#ifndef STOPPED
  gService.Start();
  pool().Grow();
#else
  gStopped.Start();
  gStopped.Stop();
#endif
}
