// shutdown-singleton-thread-without-uninit: a class with a static instance
// and, elsewhere, instances with automatic storage. Destroying a local in
// ordinary code joins that local's thread, not the static instance's: the
// destructor (and the private helper it calls) is no explicit stop, so the
// static instance is still reported, whether the destructor joins directly
// or through a private helper.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>

//===--- Positives ---------------------------------------------------------===//

// The destructor joins directly.
// CHECK: :[[@LINE+4]]:7: warning: 'Direct' has a static-storage instance and its thread 'Direct::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:8: note: 'g_direct' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'Direct::t_' is started here by 'std::thread', running 'Direct::run'
// CHECK: :[[@LINE+4]]:15: note: it is joined only here, in 'Direct::~Direct', which runs during teardown
class Direct {
public:
  void start() { t_ = std::thread(&Direct::run, this); }
  ~Direct() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
Direct g_direct;

// The destructor joins through a private helper.
// CHECK: :[[@LINE+4]]:7: warning: 'Helper' has a static-storage instance and its thread 'Helper::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+15]]:8: note: 'g_helper' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'Helper::t_' is started here by 'std::thread', running 'Helper::run'
// CHECK: :[[@LINE+9]]:5: note: it is joined only here, in 'Helper::joinThread', which runs during teardown
class Helper {
public:
  void start() { t_ = std::thread(&Helper::run, this); }
  ~Helper() { joinThread(); }

private:
  void run() {}
  void joinThread() {
    t_.join();
  }
  std::thread t_;
};
Helper g_helper;

//===--- Negative ----------------------------------------------------------===//

// Only automatic instances: RAII.
class OnlyLocal {
public:
  void start() { t_ = std::thread(&OnlyLocal::run, this); }
  ~OnlyLocal() { joinThread(); }

private:
  void run() {}
  void joinThread() { t_.join(); }
  std::thread t_;
};

// Ordinary code that destroys automatic instances of all three.
void runJobs() {
  Direct D;
  D.start();
  Helper H;
  H.start();
  OnlyLocal L;
  L.start();
}
