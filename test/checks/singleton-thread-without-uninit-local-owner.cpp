// shutdown-singleton-thread-without-uninit: emptying a *local* owning pointer
// that was given a new object where it was declared destroys that object, a
// different instance from the static one: it stops none of the static
// instance's threads, so it is no explicit stop (a test that makes its own
// pool and resets it). A local pointer that only takes the static instance's
// object over (the usual UnInit: move it out, then destroy it) still is one.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <memory>
#include <thread>

//===--- Positives ---------------------------------------------------------===//

class Pool {
public:
  Pool() : t_([] {}) {}
  ~Pool() { t_.join(); }

private:
  std::thread t_;
};

// CHECK: :[[@LINE+4]]:7: warning: 'Registry' has a static-storage instance and its thread 'Pool::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+6]]:10: note: 'g_registry' has static storage: it is destroyed at exit
// CHECK: :[[@LINE-9]]:12: note: thread 'Pool::t_' is started here by 'std::thread', running
// CHECK: :[[@LINE-9]]:13: note: it is joined only here, in 'Pool::~Pool', which runs during teardown
class Registry {
  std::shared_ptr<Pool> pool_ = std::make_shared<Pool>();
};
Registry g_registry;

// Ordinary code that makes pools of its own and destroys them.
void TestSharedPool() {
  auto tp = std::make_shared<Pool>();
  tp.reset();
}
void TestUniquePool() {
  std::unique_ptr<Pool> p(new Pool);
  p = nullptr;
}
void TestRawPool() {
  Pool *p = new Pool;
  delete p;
}

//===--- Negatives ---------------------------------------------------------===//

// The UnInit moves the static instance's object into a local and destroys
// it: the static instance's thread is joined in ordinary code.
class Worker {
public:
  Worker() : t_([] {}) {}
  ~Worker() { t_.join(); }

private:
  std::thread t_;
};
class Service {
public:
  void UnInit() {
    std::unique_ptr<Worker> w = std::move(worker_);
    w.reset();
  }

private:
  std::unique_ptr<Worker> worker_ = std::make_unique<Worker>();
};
Service g_service;

// The same with a raw pointer.
class Legacy {
public:
  Legacy() : t_([] {}) {}
  ~Legacy() { t_.join(); }

private:
  std::thread t_;
};
Legacy *g_legacy = nullptr;
struct LegacyHolder {
  ~LegacyHolder() { delete g_legacy; }
};
LegacyHolder g_holder;
void StartLegacy() { g_legacy = new Legacy; }
void StopLegacy() {
  Legacy *l = g_legacy;
  g_legacy = nullptr;
  delete l;
}
