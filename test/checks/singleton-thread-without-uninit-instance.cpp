// The explicit stop must stop the static instance: called through the
// variable, through an accessor that returns it, or on 'this' in a member
// function reached that way. A stop called on a local, on a heap object made
// here, or on another static of the same class stops other threads; a join
// reached only from the function that starts the thread (its failure path)
// is a rollback, not a stop.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <memory>
#include <thread>

static void work() {}
static bool ready() { return true; }

// ---- One class, several instances. ----------------------------------------

// CHECK: :[[@LINE+1]]:7: warning: 'Pool' has a static-storage instance and its thread 'Pool::t_' stops only during static teardown; its stop 'Pool::stop()' is called on other instances only: call it on this one before exit or unload [shutdown-singleton-thread-without-uninit]
class Pool {
public:
  void start() { t_ = std::thread(work); }
  void stop() {
    if (t_.joinable())
      // CHECK: :[[@LINE+1]]:7: warning: 'std::thread::join' waits for thread 't_' during static teardown{{.*}} [shutdown-join-in-teardown]
      t_.join();
  }
  ~Pool() { stop(); }

private:
  std::thread t_;
};

// Stopped through the variable: clean.
Pool gStopped;
// Stopped through an accessor: clean.
Pool &shared() {
  static Pool p;
  return p;
}
// Stopped on 'this' from a member reached through the variable: clean.
struct Owner {
  void shutdown() { pool.stop(); }
  Pool pool;
};
Owner gOwner;

// Never stopped: only a local pool, a heap pool and another static are.
// CHECK: :[[@LINE+1]]:6: note: 'gForgotten' has static storage: it is destroyed at exit
Pool gForgotten;

// ---- A rollback in the starting function is not a stop. -------------------

// CHECK: :[[@LINE+1]]:7: warning: 'Loader' has a static-storage instance and its thread 'Loader::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
class Loader {
public:
  bool start() {
    t_ = std::thread(work);
    if (!ready()) {
      t_.join(); // Roll back: the loader did not start.
      return false;
    }
    return true;
  }
  ~Loader() {
    if (t_.joinable())
      // CHECK: :[[@LINE+1]]:7: warning: 'std::thread::join' waits for thread 't_' during static teardown{{.*}} [shutdown-join-in-teardown]
      t_.join();
  }

private:
  std::thread t_;
};
Loader gLoader;

int main() {
  gStopped.start();
  shared().start();
  gOwner.pool.start();
  gForgotten.start();
  gLoader.start();

  Pool local;
  local.start();
  local.stop();
  auto heap = std::make_unique<Pool>();
  heap->start();
  heap->stop();

  gStopped.stop();
  shared().stop();
  gOwner.shutdown();
}
