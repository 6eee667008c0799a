// shutdown-singleton-thread-without-uninit: a static object's thread that
// teardown code other than its own destructor joins (an atexit handler,
// another static's destructor) still stops only during teardown. With an
// explicit stop that ordinary code calls, it is clean; a thread no code
// joins at all is not this rule's business.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <cstdlib>
#include <thread>

//===--- Positives ---------------------------------------------------------===//

// Joined by an atexit handler only. (Internal linkage: on one unit, a
// public stop() might be called from another unit, and would count.)
namespace {
// CHECK: :[[@LINE+4]]:8: warning: 'Flusher' has a static-storage instance and its thread 'Flusher::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:9: note: 'flusher' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'Flusher::t_' is started here by 'std::thread', running 'Flusher::run'
// CHECK: :[[@LINE+6]]:7: note: it is joined only here, in 'Flusher::stop', which runs during teardown
struct Flusher {
  void run() {}
  void start() { t_ = std::thread(&Flusher::run, this); }
  void stop() {
    if (t_.joinable())
      t_.join();
  }
  std::thread t_;
};
Flusher flusher;
} // namespace
static void flushAtExit() { flusher.stop(); }
void startFlusher() {
  flusher.start();
  std::atexit(flushAtExit);
}

// Joined by another static object's destructor.
// CHECK: :[[@LINE+4]]:8: warning: 'Pump' has a static-storage instance and its thread 'Pump::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+7]]:6: note: 'pump' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+11]]:30: note: thread 'Pump::t_' is started here by 'std::thread', running 'Pump::run'
// CHECK: :[[@LINE+7]]:18: note: it is joined only here, in 'PumpGuard::~PumpGuard', which runs during teardown
struct Pump {
  void run() {}
  std::thread t_;
};
Pump pump;
struct PumpGuard {
  ~PumpGuard() { pump.t_.join(); }
};
PumpGuard pumpGuard;
void startPump() { pump.t_ = std::thread(&Pump::run, &pump); }

//===--- Negatives ---------------------------------------------------------===//

// The same atexit handler, and ordinary code stops it first.
struct Sender {
  void run() {}
  void start() { t_ = std::thread(&Sender::run, this); }
  void stop() {
    if (t_.joinable())
      t_.join();
  }
  std::thread t_;
};
Sender sender;
static void senderAtExit() { sender.stop(); }
void startSender() {
  sender.start();
  std::atexit(senderAtExit);
}
void stopSender() { sender.stop(); }

// Nothing joins it: detached.
struct Ticker {
  Ticker() : t_([] {}) { t_.detach(); }
  std::thread t_;
};
Ticker ticker;
