// shutdown-singleton-thread-without-uninit: thread ownership through members,
// owning pointers, base classes and containers. The finding sits on the class
// of the static instance and names the thread member it owns, wherever it is
// declared.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <memory>
#include <thread>
#include <vector>

//===--- Positives ---------------------------------------------------------===//

// A thread owner held by value.
class Inner {
public:
  void start() { t_ = std::thread(&Inner::run, this); }
  ~Inner() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
// CHECK: :[[@LINE+4]]:7: warning: 'Engine' has a static-storage instance and its thread 'Inner::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+10]]:8: note: 'g_engine' has static storage: it is destroyed at exit
// CHECK: :[[@LINE-9]]:23: note: thread 'Inner::t_' is started here by 'std::thread', running 'Inner::run'
// CHECK: :[[@LINE-9]]:14: note: it is joined only here, in 'Inner::~Inner', which runs during teardown
class Engine {
public:
  void start() { inner_.start(); }

private:
  Inner inner_;
};
Engine g_engine;

// A thread owner held through std::unique_ptr.
class UniqueImpl {
public:
  UniqueImpl() : t_(&UniqueImpl::run, this) {}
  ~UniqueImpl() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
// CHECK: :[[@LINE+4]]:7: warning: 'Service' has a static-storage instance and its thread 'UniqueImpl::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+10]]:9: note: 'g_service' has static storage: it is destroyed at exit
// CHECK: :[[@LINE-9]]:18: note: thread 'UniqueImpl::t_' is started here by 'std::thread', running 'UniqueImpl::run'
// CHECK: :[[@LINE-9]]:19: note: it is joined only here, in 'UniqueImpl::~UniqueImpl', which runs during teardown
class Service {
public:
  void start() { impl_ = std::make_unique<UniqueImpl>(); }

private:
  std::unique_ptr<UniqueImpl> impl_;
};
Service g_service;

// A thread owner held through std::shared_ptr.
class SharedImpl {
public:
  SharedImpl() : t_(&SharedImpl::run, this) {}
  ~SharedImpl() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
// CHECK: :[[@LINE+4]]:7: warning: 'Hub' has a static-storage instance and its thread 'SharedImpl::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+10]]:5: note: 'g_hub' has static storage: it is destroyed at exit
// CHECK: :[[@LINE-9]]:18: note: thread 'SharedImpl::t_' is started here by 'std::thread', running 'SharedImpl::run'
// CHECK: :[[@LINE-9]]:19: note: it is joined only here, in 'SharedImpl::~SharedImpl', which runs during teardown
class Hub {
public:
  void start() { impl_ = std::make_shared<SharedImpl>(); }

private:
  std::shared_ptr<SharedImpl> impl_;
};
Hub g_hub;

// A thread owner as a base class.
class ThreadBase {
public:
  void startThread() { t_ = std::thread(&ThreadBase::body, this); }
  ~ThreadBase() { t_.join(); }

private:
  void body() {}
  std::thread t_;
};
// CHECK: :[[@LINE+4]]:7: warning: 'Monitor' has a static-storage instance and its thread 'ThreadBase::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+7]]:9: note: 'g_monitor' has static storage: it is destroyed at exit
// CHECK: :[[@LINE-9]]:29: note: thread 'ThreadBase::t_' is started here by 'std::thread', running 'ThreadBase::body'
// CHECK: :[[@LINE-9]]:19: note: it is joined only here, in 'ThreadBase::~ThreadBase', which runs during teardown
class Monitor : public ThreadBase {
public:
  void start() { startThread(); }
};
Monitor g_monitor;

// A std::vector<std::thread> member, filled with emplace_back.
// CHECK: :[[@LINE+4]]:7: warning: 'Pool' has a static-storage instance and its thread 'Pool::threads_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+18]]:6: note: 'g_pool' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+6]]:7: note: thread 'Pool::threads_' is started here by 'std::thread', running 'Pool::work'
// CHECK: :[[@LINE+9]]:7: note: it is joined only here, in 'Pool::~Pool', which runs during teardown
class Pool {
public:
  void start(int n) {
    for (int i = 0; i < n; ++i)
      threads_.emplace_back(&Pool::work, this);
  }
  ~Pool() {
    for (std::thread &t : threads_)
      t.join();
  }

private:
  void work() {}
  std::vector<std::thread> threads_;
};
Pool g_pool;

// A std::jthread member: the implicit destructor joins it.
// CHECK: :[[@LINE+4]]:7: warning: 'Watcher' has a static-storage instance and its thread 'Watcher::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:9: note: 'g_watcher' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'Watcher::t_' is started here by 'std::jthread', running 'Watcher::watch'
// CHECK: :[[@LINE+8]]:16: note: it is joined only here, in 'Watcher::~Watcher', which runs during teardown
class Watcher {
public:
  void start() { t_ = std::jthread(&Watcher::watch, this); }
  void cancel() { t_.request_stop(); }

private:
  void watch() {}
  std::jthread t_;
};
Watcher g_watcher;

//===--- Negatives ---------------------------------------------------------===//

// The owned object has a public stop that joins: an explicit stop exists.
class Motor {
public:
  void start() { t_ = std::thread(&Motor::spin, this); }
  void stop() { t_.join(); }
  ~Motor() {
    if (t_.joinable())
      t_.join();
  }

private:
  void spin() {}
  std::thread t_;
};
class Car {
public:
  Motor &motor() { return motor_; }

private:
  Motor motor_;
};
Car g_car;

// A raw pointer does not own: the static object does not destroy the
// thread owner it points to.
class Borrowed {
public:
  Borrowed() : t_(&Borrowed::run, this) {}
  ~Borrowed() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
class Observer {
public:
  void watch(Borrowed *b) { b_ = b; }
  ~Observer() {}

private:
  Borrowed *b_ = nullptr;
};
Observer g_observer;

// A jthread with a public stop that requests the stop and joins.
class Listener {
public:
  void start() { t_ = std::jthread(&Listener::listen, this); }
  void stop() {
    t_.request_stop();
    t_.join();
  }

private:
  void listen() {}
  std::jthread t_;
};
Listener g_listener;

// Owners with automatic storage.
void useOwners() {
  Engine e;
  e.start();
  Service s;
  s.start();
  Pool p;
  p.start(2);
}
