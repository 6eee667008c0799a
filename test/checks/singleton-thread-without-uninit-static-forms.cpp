// shutdown-singleton-thread-without-uninit: the other forms a static instance
// takes (class template specialization, static data member of a class
// template, CRTP Singleton<T>, static unique_ptr/shared_ptr, a static map of
// owners, a static array, a static optional) against leaked ones
// (NoDestructor<T>, placement new into static storage) and a non-owning
// static weak_ptr.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <thread>

//===--- Positives ---------------------------------------------------------===//

// A static instance of a class template specialization: reported on the
// template's name.
// CHECK: :[[@LINE+4]]:28: warning: 'Runner' has a static-storage instance and its thread 'Runner::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:13: note: 'g_runner' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'Runner::t_' is started here by 'std::thread', running 'Runner::run'
// CHECK: :[[@LINE+4]]:15: note: it is joined only here, in 'Runner::~Runner', which runs during teardown
template <class Job> class Runner {
public:
  void start() { t_ = std::thread(&Runner::run, this); }
  ~Runner() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
Runner<int> g_runner;
void startRunner() { g_runner.start(); }

// A static data member of a class template, instantiated by its use.
// CHECK: :[[@LINE+4]]:7: warning: 'Relay' has a static-storage instance and its thread 'Relay::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+15]]:33: note: 'Global::value' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'Relay::t_' is started here by 'std::thread', running 'Relay::run'
// CHECK: :[[@LINE+4]]:14: note: it is joined only here, in 'Relay::~Relay', which runs during teardown
class Relay {
public:
  void start() { t_ = std::thread(&Relay::run, this); }
  ~Relay() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
template <class T> struct Global {
  static T value;
};
template <class T> T Global<T>::value;
void startRelay() { Global<Relay>::value.start(); }

// CRTP: Singleton<T>::get() holds a function-local static T.
template <class T> class Singleton {
public:
  static T &get() {
    static T inst;
    return inst;
  }
};
// CHECK: :[[@LINE+4]]:7: warning: 'Scheduler' has a static-storage instance and its thread 'Scheduler::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE-5]]:14: note: 'Singleton::get::inst' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+6]]:23: note: thread 'Scheduler::t_' is started here by 'std::thread', running 'Scheduler::loop'
// CHECK: :[[@LINE+6]]:18: note: it is joined only here, in 'Scheduler::~Scheduler', which runs during teardown
class Scheduler : public Singleton<Scheduler> {
  friend class Singleton<Scheduler>;

public:
  void start() { t_ = std::thread(&Scheduler::loop, this); }
  ~Scheduler() { t_.join(); }

private:
  Scheduler() = default;
  void loop() {}
  std::thread t_;
};
void startScheduler() { Scheduler::get().start(); }

// A static std::unique_ptr.
// CHECK: :[[@LINE+4]]:7: warning: 'Sink' has a static-storage instance and its thread 'Sink::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:30: note: 'g_sink' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:12: note: thread 'Sink::t_' is started here by 'std::thread', running 'Sink::drain'
// CHECK: :[[@LINE+4]]:13: note: it is joined only here, in 'Sink::~Sink', which runs during teardown
class Sink {
public:
  Sink() : t_(&Sink::drain, this) {}
  ~Sink() { t_.join(); }

private:
  void drain() {}
  std::thread t_;
};
static std::unique_ptr<Sink> g_sink;
void openSink() { g_sink = std::make_unique<Sink>(); }

// A static std::shared_ptr.
// CHECK: :[[@LINE+4]]:7: warning: 'Feed' has a static-storage instance and its thread 'Feed::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:23: note: 'g_feed' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:12: note: thread 'Feed::t_' is started here by 'std::thread', running 'Feed::pull'
// CHECK: :[[@LINE+4]]:13: note: it is joined only here, in 'Feed::~Feed', which runs during teardown
class Feed {
public:
  Feed() : t_(&Feed::pull, this) {}
  ~Feed() { t_.join(); }

private:
  void pull() {}
  std::thread t_;
};
std::shared_ptr<Feed> g_feed = std::make_shared<Feed>();

// A static std::map whose values own threads.
// CHECK: :[[@LINE+4]]:7: warning: 'Session' has a static-storage instance and its thread 'Session::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:32: note: 'g_sessions' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:15: note: thread 'Session::t_' is started here by 'std::thread', running 'Session::serve'
// CHECK: :[[@LINE+4]]:16: note: it is joined only here, in 'Session::~Session', which runs during teardown
class Session {
public:
  Session() : t_(&Session::serve, this) {}
  ~Session() { t_.join(); }

private:
  void serve() {}
  std::thread t_;
};
std::map<std::string, Session> g_sessions;
void openSession(const std::string &Key) { g_sessions.try_emplace(Key); }

// A static array of owners.
// CHECK: :[[@LINE+4]]:7: warning: 'Lane' has a static-storage instance and its thread 'Lane::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:6: note: 'g_lanes' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'Lane::t_' is started here by 'std::thread', running 'Lane::run'
// CHECK: :[[@LINE+4]]:13: note: it is joined only here, in 'Lane::~Lane', which runs during teardown
class Lane {
public:
  void start() { t_ = std::thread(&Lane::run, this); }
  ~Lane() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
Lane g_lanes[2];
void startLanes() {
  for (Lane &L : g_lanes)
    L.start();
}

// A static std::optional.
// CHECK: :[[@LINE+4]]:7: warning: 'Maybe' has a static-storage instance and its thread 'Maybe::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:22: note: 'g_maybe' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:13: note: thread 'Maybe::t_' is started here by 'std::thread', running 'Maybe::run'
// CHECK: :[[@LINE+4]]:14: note: it is joined only here, in 'Maybe::~Maybe', which runs during teardown
class Maybe {
public:
  Maybe() : t_(&Maybe::run, this) {}
  ~Maybe() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
std::optional<Maybe> g_maybe;
void startMaybe() { g_maybe.emplace(); }

//===--- Negatives ---------------------------------------------------------===//

// NoDestructor<T>: constructed in place, never destroyed.
template <class T> class NoDestructor {
public:
  NoDestructor() { new (storage_) T(); }
  T &get() { return *reinterpret_cast<T *>(storage_); }

private:
  alignas(T) unsigned char storage_[sizeof(T)];
};
class Cache {
public:
  Cache() : t_(&Cache::evict, this) {}
  ~Cache() { t_.join(); }

private:
  void evict() {}
  std::thread t_;
};
Cache &cache() {
  static NoDestructor<Cache> c;
  return c.get();
}

// Placement new into static storage: never destroyed either.
class Store {
public:
  Store() : t_(&Store::sync, this) {}
  ~Store() { t_.join(); }

private:
  void sync() {}
  std::thread t_;
};
alignas(Store) static unsigned char g_storeBuf[sizeof(Store)];
Store &store() {
  static Store *s = new (g_storeBuf) Store;
  return *s;
}

// A static weak_ptr does not own its object.
class Probe {
public:
  Probe() : t_(&Probe::sample, this) {}
  ~Probe() { t_.join(); }

private:
  void sample() {}
  std::thread t_;
};
std::weak_ptr<Probe> g_probeObserver;
void probe() {
  auto P = std::make_shared<Probe>();
  g_probeObserver = P;
}

// A class template whose only instances are automatic.
template <class Job> class LocalRunner {
public:
  LocalRunner() : t_(&LocalRunner::run, this) {}
  ~LocalRunner() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
void useLocalRunner() { LocalRunner<long> R; }
