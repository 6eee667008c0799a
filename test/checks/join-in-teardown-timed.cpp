// Timed joins and waits at teardown: still a hazard (exit stalls for the
// whole timeout when the thread cannot finish, and a thread killed after it
// may hold a lock), reported as a warning that gives the bound. A wait with
// a zero timeout is a poll: no finding.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <chrono>
#include <vector>

static DWORD WINAPI run(LPVOID) { return 0; }

// A bounded wait, then TerminateThread.
struct Watchdog {
  Watchdog() { h = CreateThread(nullptr, 0, run, nullptr, 0, nullptr); }
  ~Watchdog() {
    // CHECK: :[[@LINE+1]]:9: warning: 'WaitForSingleObject' waits up to 5000 ms on thread handle 'h' during static teardown; exit stalls for up to 5000 ms if the thread does not finish, then 'TerminateThread' kills it, possibly while it holds a lock [shutdown-wait-thread-handle-in-teardown]
    if (WaitForSingleObject(h, 5000) == WAIT_TIMEOUT)
      TerminateThread(h, 1);
    CloseHandle(h);
  }
  HANDLE h;
};
Watchdog gWatchdog;

// A bound from a named constant, for each thread of a pool.
constexpr DWORD JoinTimeoutMs = 10000;
struct Pool {
  Pool() {
    for (int i = 0; i < 4; ++i)
      threads.push_back(CreateThread(nullptr, 0, run, nullptr, 0, nullptr));
  }
  ~Pool() {
    for (HANDLE t : threads)
      // CHECK: :[[@LINE+1]]:7: warning: 'WaitForSingleObject' waits up to 10000 ms on thread handle 't' for each thread during static teardown; exit stalls for up to 10000 ms per thread if the threads do not finish [shutdown-wait-thread-handle-in-teardown]
      WaitForSingleObject(t, JoinTimeoutMs);
  }
  std::vector<HANDLE> threads;
};
Pool gPool;

// A class from a library whose timed join is compiled elsewhere.
namespace Poco {
class Runnable {
public:
  virtual ~Runnable();
  virtual void run() = 0;
};
class Thread {
public:
  Thread();
  ~Thread();
  void start(Runnable &target);
  void join();
  bool tryJoin(long milliseconds);
};
} // namespace Poco
struct Task : Poco::Runnable {
  void run() override {}
};
struct Service {
  Service() { thread.start(task); }
  ~Service() {
    // CHECK: :[[@LINE+1]]:10: warning: 'Poco::Thread::tryJoin' waits up to 2000 ms for thread 'thread' during static teardown; exit stalls for up to 2000 ms if the thread does not finish [shutdown-join-in-teardown]
    if (!thread.tryJoin(2000))
      return;
  }
  Task task;
  Poco::Thread thread;
};
Service gService;

// Boost's timed join with a std::chrono duration, and a QThread subclass
// waited for with and without a bound (Qt's wait() defaults to forever).
namespace boost {
class thread {
public:
  template <class F> explicit thread(F f);
  ~thread();
  void join();
  template <class Rep, class Period>
  bool try_join_for(const std::chrono::duration<Rep, Period> &rel);
};
} // namespace boost
class QThread {
public:
  virtual ~QThread();
  void start();
  bool wait(unsigned long time = 0xFFFFFFFFUL);

protected:
  virtual void run();
};
struct Flusher : QThread {
  void run() override {}
};
struct Logger {
  Logger() : t(work) { flusher.start(); }
  ~Logger() {
    // CHECK: :[[@LINE+1]]:5: warning: 'boost::thread::try_join_for' waits up to 1500 ms for thread 't' during static teardown; exit stalls for up to 1500 ms if the thread does not finish [shutdown-join-in-teardown]
    t.try_join_for(std::chrono::milliseconds(1500));
    // CHECK: :[[@LINE+1]]:5: warning: 'QThread::wait' waits up to 3000 ms for thread 'flusher' during static teardown{{.*}} [shutdown-join-in-teardown]
    flusher.wait(3000);
    // CHECK: :[[@LINE+1]]:5: warning: 'QThread::wait' waits for thread 'flusher' during static teardown; exit hangs if the thread does not finish{{.*}} [shutdown-join-in-teardown]
    flusher.wait();
  }
  static void work() {}
  boost::thread t;
  Flusher flusher;
};
Logger gLogger;

// A bound that is not a constant.
struct Tunable {
  Tunable() { h = CreateThread(nullptr, 0, run, nullptr, 0, nullptr); }
  // CHECK: :[[@LINE+1]]:16: warning: 'WaitForSingleObject' waits for a bounded time on thread handle 'h' during static teardown; exit stalls until the timeout if the thread does not finish [shutdown-wait-thread-handle-in-teardown]
  ~Tunable() { WaitForSingleObject(h, timeoutMs); }
  HANDLE h;
  DWORD timeoutMs = 100;
};
Tunable gTunable;

// ---- Negative: a poll. ----------------------------------------------------

struct Poller {
  Poller() { h = CreateThread(nullptr, 0, run, nullptr, 0, nullptr); }
  ~Poller() {
    if (WaitForSingleObject(h, 0) == WAIT_OBJECT_0)
      CloseHandle(h);
  }
  HANDLE h;
};
Poller gPoller;

int main() {}
