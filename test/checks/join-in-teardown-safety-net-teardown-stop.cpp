// shutdown-join-in-teardown and a stop that only teardown calls:
// DESIGN.md, "ordinary code": "a public Stop() called only from an atexit
// handler or a destructor is teardown code". Such a Stop() is no explicit
// stop, so the guarded join it makes during teardown is still reported.
// In one translation unit that defines main, the unit is a program: an
// externally visible Stop() that only teardown calls is no entry point
// either (a unit without main counts it as an explicit stop, since another
// TU may call it: test/driver/library-contract.test).
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <cstdlib>
#include <thread>

static void work() {}

namespace {

// Positive: Stop() is public, but only the destructor calls it.
class Worker {
public:
  Worker() : t_(work) {}
  void Stop() {
    if (t_.joinable())
      // CHECK: :[[@LINE+3]]:7: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
      // CHECK: :[[@LINE+9]]:8: note: 'gWorker' has static storage: it is destroyed at exit
      // CHECK: :[[@LINE+3]]:15: note: 'Worker::~Worker' calls 'Worker::Stop' here
      t_.join();
  }
  ~Worker() { Stop(); }

private:
  std::thread t_;
};
Worker gWorker;

// Positive: Stop() is public, but only an atexit handler calls it.
class Flusher {
public:
  void Start() { t_ = std::thread(work); }
  void Stop() {
    if (!t_.joinable())
      return;
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+47]]:3: note: 'stopFlusher' is registered with 'atexit' here: it runs at exit
    // CHECK: :[[@LINE+8]]:29: note: 'stopFlusher' calls 'Flusher::Stop' here
    t_.join();
  }

private:
  std::thread t_;
};
Flusher gFlusher;
static void stopFlusher() { gFlusher.Stop(); }

} // namespace

// Negative: the same shape, and main calls Stop().
class Service {
public:
  Service() : t_(work) {}
  void Stop() {
    if (t_.joinable())
      t_.join();
  }
  ~Service() { Stop(); }

private:
  std::thread t_;
};
Service gService;

// Positive: a class with external linkage whose public Stop() only its
// destructor calls: in a program, another TU is no caller to assume.
class Exported {
public:
  Exported() : t_(work) {}
  void Stop() {
    if (t_.joinable())
      // CHECK: :[[@LINE+1]]:7: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
      t_.join();
  }
  ~Exported() { Stop(); }

private:
  std::thread t_;
};
Exported gExported;

int main() {
  gFlusher.Start();
  std::atexit(stopFlusher);
  gService.Stop();
}
