// shutdown-singleton-thread-without-uninit: a static owning pointer that
// ordinary code empties (reset(), assignment of nullptr) before exit. The
// owned object's destructor, and with it the join, then runs in ordinary
// code: that is the explicit stop, and teardown finds nothing left to join.
// A static owning pointer that nothing empties stays a finding.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <memory>
#include <thread>

//===--- Positive ----------------------------------------------------------===//

// CHECK: :[[@LINE+4]]:7: warning: 'Kept' has a static-storage instance and its thread 'Kept::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:23: note: 'g_kept' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:12: note: thread 'Kept::t_' is started here by 'std::thread', running 'Kept::run'
// CHECK: :[[@LINE+4]]:13: note: it is joined only here, in 'Kept::~Kept', which runs during teardown
class Kept {
public:
  Kept() : t_(&Kept::run, this) {}
  ~Kept() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
std::unique_ptr<Kept> g_kept;
void OpenKept() { g_kept = std::make_unique<Kept>(); }

//===--- Negatives ---------------------------------------------------------===//

// The exported Close() resets the pointer: ~Reset joins in ordinary code.
class Reset {
public:
  Reset() : t_(&Reset::run, this) {}
  ~Reset() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
std::unique_ptr<Reset> g_reset;
void OpenReset() { g_reset = std::make_unique<Reset>(); }
void CloseReset() { g_reset.reset(); }

// The same through an assignment of nullptr to a shared_ptr.
class Cleared {
public:
  Cleared() : t_(&Cleared::run, this) {}
  ~Cleared() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
std::shared_ptr<Cleared> g_cleared;
void OpenCleared() { g_cleared = std::make_shared<Cleared>(); }
void CloseCleared() { g_cleared = nullptr; }

// The same through a member shared_ptr that a public shutdown() resets
// (libstdc++'s reset() is a member of shared_ptr's base class).
class Pool {
public:
  Pool() : t_([] {}) {}
  ~Pool() { t_.join(); }

private:
  std::thread t_;
};
class Registry {
public:
  void shutdown() { pool_.reset(); }

private:
  std::shared_ptr<Pool> pool_ = std::make_shared<Pool>();
};
Registry g_registry;
