// shutdown-join-in-teardown and the safety net: a teardown join is clean when
// it runs only if the thread is still running (joinable(), a handle or id
// check, a running flag) AND an explicit stop that joins the same thread is
// called from ordinary code. Either half alone is still reported.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <atomic>
#include <pthread.h>
#include <thread>

static void work() {}
static void *routine(void *) { return nullptr; }

// ---- Negatives: the safety net in its usual forms. ------------------------

// The destructor calls the explicit stop; the stop checks joinable().
class Service {
public:
  void Start() { t_ = std::thread(work); }
  void Stop() {
    if (t_.joinable())
      t_.join();
  }
  ~Service() { Stop(); }

private:
  std::thread t_;
};
Service gService;

// The destructor has a guarded join of its own; Shutdown() joins the thread.
class Indexer {
public:
  Indexer() : t_(work) {}
  void Shutdown() { t_.join(); }
  ~Indexer() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_;
};
Indexer gIndexer;

// A running flag, tested by an early return.
class Poller {
public:
  void start() {
    running_ = true;
    t_ = std::thread(work);
  }
  void stop() {
    if (!running_)
      return;
    running_ = false;
    t_.join();
  }
  ~Poller() { stop(); }

private:
  std::atomic<bool> running_{false};
  std::thread t_;
};
Poller gPoller;

// A pthread_t guarded by a started flag; the guard is on the call path.
class Reader {
public:
  void open() { started_ = pthread_create(&th_, nullptr, routine, nullptr) == 0; }
  void close() {
    joinReader();
    started_ = false;
  }
  ~Reader() {
    if (started_)
      joinReader();
  }

private:
  void joinReader() { pthread_join(th_, nullptr); }
  bool started_ = false;
  pthread_t th_;
};
Reader gReader;

// ---- Positives: half a safety net. ----------------------------------------

// Guarded, but nothing else ever joins the thread.
class Lonely {
public:
  Lonely() : t_(work) {}
  ~Lonely() {
    if (t_.joinable())
      // CHECK: :[[@LINE+2]]:7: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
      // CHECK: :[[@LINE+7]]:8: note: 'gLonely' has static storage: it is destroyed at exit
      t_.join();
  }

private:
  std::thread t_;
};
Lonely gLonely;

// Guarded, but the explicit stop joins another thread.
class Pair {
public:
  Pair() : a_(work), b_(work) {}
  void StopA() { a_.join(); }
  ~Pair() {
    if (a_.joinable())
      a_.join();
    if (b_.joinable())
      // CHECK: :[[@LINE+2]]:7: warning: 'std::thread::join' waits for thread 'b_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
      // CHECK: :[[@LINE+7]]:6: note: 'gPair' has static storage: it is destroyed at exit
      b_.join();
  }

private:
  std::thread a_, b_;
};
Pair gPair;

// An explicit stop is called, but the teardown join is not guarded.
class Unguarded {
public:
  Unguarded() : t_(work) {}
  void Stop() { t_.join(); }
  ~Unguarded() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+7]]:11: note: 'gUnguarded' has static storage: it is destroyed at exit
    t_.join();
  }

private:
  std::thread t_;
};
Unguarded gUnguarded;

// A guard on something that is not the object's state: a parameter.
class ParamGuard {
public:
  ParamGuard() : t_(work) {}
  void Stop() { t_.join(); }
  void finish(bool Wait) {
    if (Wait)
      // CHECK: :[[@LINE+3]]:7: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
      // CHECK: :[[@LINE+9]]:12: note: 'gParamGuard' has static storage: it is destroyed at exit
      // CHECK: :[[@LINE+3]]:19: note: 'ParamGuard::~ParamGuard' calls 'ParamGuard::finish' here
      t_.join();
  }
  ~ParamGuard() { finish(true); }

private:
  std::thread t_;
};
ParamGuard gParamGuard;

int main() {
  gService.Start();
  gService.Stop();
  gIndexer.Shutdown();
  gPoller.start();
  gPoller.stop();
  gReader.open();
  gReader.close();
  gPair.StopA();
  gUnguarded.Stop();
  gParamGuard.Stop();
}
