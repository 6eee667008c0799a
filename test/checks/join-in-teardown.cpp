// shutdown-join-in-teardown: a std::thread::join reached from the destructor
// of an object with static storage duration, for every form of static
// storage. Each thread-owning class below has exactly one instance, so each
// join site is reported once, with the instance as its root.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <map>
#include <memory>
#include <string>
#include <thread>

static void work() {}

// ---- A namespace-scope object. --------------------------------------------

struct Engine {
  Engine() : t(work) {}
  ~Engine() {
    // CHECK: :[[@LINE+4]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+8]]:8: note: 'app::engine' has static storage: it is destroyed at exit
    // CHECK-NOT: note:
    // CHECK: :[[@LINE-5]]:14: note: the waited thread is started here by 'std::thread', running 'work'
    t.join();
  }
  std::thread t;
};
namespace app {
Engine engine;
} // namespace app

// ---- A static data member, defined out of line. ---------------------------

struct Cache {
  Cache() : t(work) {}
  ~Cache() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+8]]:17: note: 'Registry::cache' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
struct Registry {
  static Cache cache;
};
Cache Registry::cache;

// ---- An inline static data member (C++17). --------------------------------

struct Compactor {
  Compactor() : t(work) {}
  ~Compactor() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+6]]:27: note: 'Store::compactor' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
struct Store {
  inline static Compactor compactor;
};

// ---- A function-local static. ---------------------------------------------

struct Journal {
  Journal() : t(work) {}
  ~Journal() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+6]]:18: note: 'journal::j' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
Journal &journal() {
  static Journal j;
  return j;
}

// ---- A Meyers singleton with a private destructor. ------------------------

class Logger {
public:
  static Logger &instance() {
    static Logger l;
    return l;
  }

private:
  Logger() : t(work) {}
  ~Logger() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE-8]]:19: note: 'Logger::instance::l' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};

// ---- A static data member of a class template. ----------------------------

struct Tracker {
  Tracker() : t(work) {}
  ~Tracker() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+8]]:43: note: 'PerType::tracker' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
template <typename T> struct PerType {
  static Tracker tracker;
};
template <typename T> Tracker PerType<T>::tracker;
Tracker &trackerForInt() { return PerType<int>::tracker; }

// ---- A CRTP singleton: Singleton<T>::instance() holds a local static T. ----

template <typename T> class Singleton {
public:
  static T &instance() {
    static T inst;
    return inst;
  }
};
class Telemetry : public Singleton<Telemetry> {
  friend class Singleton<Telemetry>;
  Telemetry() : t(work) {}
  ~Telemetry() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE-9]]:14: note: 'Singleton::instance::inst' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
void flushTelemetry() { Telemetry::instance(); }

// ---- A static std::unique_ptr and a static std::shared_ptr. ---------------

struct Uploader {
  Uploader() : t(work) {}
  ~Uploader() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+5]]:34: note: 'gUploader' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
static std::unique_ptr<Uploader> gUploader = std::make_unique<Uploader>();

struct Resolver {
  Resolver() : t(work) {}
  ~Resolver() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+5]]:27: note: 'gResolver' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
std::shared_ptr<Resolver> gResolver = std::make_shared<Resolver>();

// ---- A static std::map whose mapped Session joins. ------------------------

struct Session {
  Session() : t(work) {}
  ~Session() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+5]]:39: note: 'gSessions' has static storage: it is destroyed at exit
    t.join();
  }
  std::thread t;
};
static std::map<std::string, Session> gSessions;

// ---- Negatives. ------------------------------------------------------------

// The same shape, but every instance has automatic storage.
struct Scoped {
  Scoped() : t(work) {}
  ~Scoped() { t.join(); }
  std::thread t;
};

// A static object whose thread is joined by main, not by its destructor.
struct Detached {
  std::thread t;
};
Detached gDetached;

// Static storage that destroys nothing: a pointer and a reference.
static Scoped *gScopedPtr = nullptr;
Scoped &scopedRef();
static Scoped &gScopedRef = scopedRef();

int main() {
  Scoped Local;
  gDetached.t = std::thread(work);
  gDetached.t.join();
  journal();
  Logger::instance();
  flushTelemetry();
  trackerForInt();
  gSessions.try_emplace("main");
}
