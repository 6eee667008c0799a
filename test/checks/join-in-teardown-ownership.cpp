// shutdown-join-in-teardown: the joining destructor runs because a static
// object owns the thread owner: by value, through unique_ptr/shared_ptr, as a
// container of threads, through nested members and through base classes.
// The notes spell the ownership chain from the static down to the join.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <memory>
#include <thread>
#include <vector>

static void work() {}

// ---- By value: App holds Scheduler holds Worker holds the thread. ---------

struct Worker {
  Worker() : t(work) {}
  ~Worker() {
    // CHECK: :[[@LINE+5]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+15]]:5: note: 'gApp' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+12]]:13: note: 'App::~App' destroys member 'sched' of type 'Scheduler'
    // CHECK: :[[@LINE+7]]:10: note: 'Scheduler::~Scheduler' destroys member 'worker' of type 'Worker'
    // CHECK: :[[@LINE-6]]:14: note: the waited thread is started here by 'std::thread', running 'work'
    t.join();
  }
  std::thread t;
};
struct Scheduler {
  Worker worker;
};
struct App {
  int Id = 0;
  Scheduler sched;
};
App gApp;

// ---- Through a std::unique_ptr member. ------------------------------------

struct Flusher {
  Flusher() : t(work) {}
  ~Flusher() {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+9]]:10: note: 'gDb' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+6]]:28: note: 'Database::~Database' destroys member 'flusher' of type 'Flusher'
    t.join();
  }
  std::thread t;
};
struct Database {
  std::unique_ptr<Flusher> flusher = std::make_unique<Flusher>();
};
Database gDb;

// ---- Through a std::shared_ptr member. ------------------------------------

struct Heartbeat {
  Heartbeat() : t(work) {}
  ~Heartbeat() {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+9]]:12: note: 'gConn' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+6]]:30: note: 'Connection::~Connection' destroys member 'beat' of type 'Heartbeat'
    t.join();
  }
  std::thread t;
};
struct Connection {
  std::shared_ptr<Heartbeat> beat;
};
Connection gConn;

// ---- A std::vector<std::thread> joined in a loop. -------------------------

struct Pool {
  explicit Pool(int N) {
    for (int I = 0; I < N; ++I)
      threads.emplace_back(work);
  }
  ~Pool() {
    for (std::thread &T : threads)
      // CHECK: :[[@LINE+3]]:7: warning: 'std::thread::join' waits for thread 'T' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
      // CHECK: :[[@LINE+6]]:6: note: 'gPool' has static storage: it is destroyed at exit
      // CHECK: :[[@LINE-6]]:7: note: the waited thread is started here by 'std::thread', running 'work'
      T.join();
  }
  std::vector<std::thread> threads;
};
Pool gPool(4);

// ---- Base classes: the derived object's destructor runs the base's. -------

class ThreadBase {
public:
  ThreadBase() : t(work) {}
  ~ThreadBase() {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+12]]:16: note: 'gDerived' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+10]]:38: note: 'MonitorService::~MonitorService' destroys base class 'ThreadBase' of type 'ThreadBase'
    t.join();
  }

private:
  std::thread t;
};
struct Named {
  const char *Name = "monitor";
};
class MonitorService : public Named, public ThreadBase {};
MonitorService gDerived;

// A thread owner two bases up, reached through a member of the static.
struct JoinBase {
  ~JoinBase() {
    // CHECK: :[[@LINE+5]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+13]]:8: note: 'gHolder' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+10]]:8: note: 'Holder::~Holder' destroys member 'leaf' of type 'Leaf'
    // CHECK: :[[@LINE+7]]:15: note: 'Leaf::~Leaf' destroys base class 'Mid' of type 'Mid'
    // CHECK: :[[@LINE+5]]:14: note: 'Mid::~Mid' destroys base class 'JoinBase' of type 'JoinBase'
    t.join();
  }
  std::thread t;
};
struct Mid : JoinBase {};
struct Leaf : Mid {};
struct Holder {
  Leaf leaf;
};
Holder gHolder;

// ---- Negatives: the same owners, never owned by a static. -----------------

struct Idle {
  Idle() : t(work) {}
  ~Idle() { t.join(); }
  std::thread t;
};
struct IdleApp {
  Idle idle;
  std::unique_ptr<Idle> idlePtr;
  std::vector<Idle> idles;
};
struct IdleDerived : Idle {};

// A static that only refers to an owner, and a static array of plain data.
static IdleApp *gIdleApp = nullptr;
static std::unique_ptr<int> gCounter;
static std::thread *gThreadPtr = nullptr;

int main() {
  IdleApp Local;
  IdleDerived AlsoLocal;
  auto Heap = std::make_unique<IdleApp>();
  gIdleApp = new IdleApp;
  delete gIdleApp;
}
