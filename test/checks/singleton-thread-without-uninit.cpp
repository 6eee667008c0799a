// shutdown-singleton-thread-without-uninit: std::thread owners with a
// static-storage instance (namespace scope, function-local static, static
// data member) whose thread only the destructor joins, against the clean
// shapes: leaked singletons, an explicit stop that joins the same thread,
// objects with automatic storage, a thread that is never joined.
//
// The same inputs also trip shutdown-join-in-teardown; only the singleton
// rule is enabled here (the later --checks wins).
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>

//===--- Positives ---------------------------------------------------------===//

// A namespace-scope instance; the destructor joins directly.
// CHECK: :[[@LINE+4]]:7: warning: 'Poller' has a static-storage instance and its thread 'Poller::thread_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+12]]:8: note: 'g_poller' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:28: note: thread 'Poller::thread_' is started here by 'std::thread', running 'Poller::run'
// CHECK: :[[@LINE+4]]:15: note: it is joined only here, in 'Poller::~Poller', which runs during teardown
class Poller {
public:
  void start() { thread_ = std::thread(&Poller::run, this); }
  ~Poller() { thread_.join(); }

private:
  void run() {}
  std::thread thread_;
};
Poller g_poller;

// A Meyers singleton; the destructor joins through a private stop().
// CHECK: :[[@LINE+4]]:7: warning: 'Logger' has a static-storage instance and its thread 'Logger::flusher_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+6]]:19: note: 'Logger::instance::theLogger' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+12]]:14: note: thread 'Logger::flusher_' is started here by 'std::thread', running 'Logger::flush'
// CHECK: :[[@LINE+14]]:5: note: it is joined only here, in 'Logger::stop', which runs during teardown
class Logger {
public:
  static Logger &instance() {
    static Logger theLogger;
    return theLogger;
  }
  void log(const char *) {}
  ~Logger() { stop(); }

private:
  Logger() : flusher_(&Logger::flush, this) {}
  void flush() {}
  void stop() {
    flusher_.join();
  }
  std::thread flusher_;
};

// A static data member of another class, defined out of line.
// CHECK: :[[@LINE+4]]:7: warning: 'Pump' has a static-storage instance and its thread 'Pump::worker_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+17]]:13: note: 'Plant::pump' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:28: note: thread 'Pump::worker_' is started here by 'std::thread', running 'Pump::loop'
// CHECK: :[[@LINE+5]]:5: note: it is joined only here, in 'Pump::~Pump', which runs during teardown
class Pump {
public:
  void start() { worker_ = std::thread(&Pump::loop, this); }
  ~Pump() {
    worker_.join();
  }

private:
  void loop() {}
  std::thread worker_;
};
struct Plant {
  static Pump pump;
};
Pump Plant::pump;

// Two static instances of one class: one finding on the class, a note per
// instance.
// CHECK: :[[@LINE+5]]:7: warning: 'Ticker' has a static-storage instance and its thread 'Ticker::clock_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+13]]:8: note: 'g_tickerA' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+13]]:8: note: 'g_tickerB' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:27: note: thread 'Ticker::clock_' is started here by 'std::thread', running 'Ticker::tick'
// CHECK: :[[@LINE+4]]:15: note: it is joined only here, in 'Ticker::~Ticker', which runs during teardown
class Ticker {
public:
  void start() { clock_ = std::thread(&Ticker::tick, this); }
  ~Ticker() { clock_.join(); }

private:
  void tick() {}
  std::thread clock_;
};
Ticker g_tickerA;
Ticker g_tickerB;

// A destructor that joins only if joinable(), with no explicit stop at all:
// the guard does not help, the join still happens at exit.
// CHECK: :[[@LINE+4]]:7: warning: 'GuardedOnly' has a static-storage instance and its thread 'GuardedOnly::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+15]]:13: note: 'g_guardedOnly' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'GuardedOnly::t_' is started here by 'std::thread', running 'GuardedOnly::run'
// CHECK: :[[@LINE+6]]:7: note: it is joined only here, in 'GuardedOnly::~GuardedOnly', which runs during teardown
class GuardedOnly {
public:
  void start() { t_ = std::thread(&GuardedOnly::run, this); }
  ~GuardedOnly() {
    if (t_.joinable())
      t_.join();
  }

private:
  void run() {}
  std::thread t_;
};
GuardedOnly g_guardedOnly;

// Two threads, both joined only by the destructor.
// CHECK: :[[@LINE+6]]:7: warning: 'Pipe' has a static-storage instance and its threads 'Pipe::in_', 'Pipe::out_' stop only during static teardown; add an explicit stop (UnInit) that joins them and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+21]]:6: note: 'g_pipe' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+7]]:11: note: thread 'Pipe::in_' is started here by 'std::thread', running 'Pipe::read'
// CHECK: :[[@LINE+10]]:5: note: it is joined only here, in 'Pipe::~Pipe', which runs during teardown
// CHECK: :[[@LINE+6]]:12: note: thread 'Pipe::out_' is started here by 'std::thread', running 'Pipe::write'
// CHECK: :[[@LINE+9]]:5: note: it is joined only here, in 'Pipe::~Pipe', which runs during teardown
class Pipe {
public:
  void start() {
    in_ = std::thread(&Pipe::read, this);
    out_ = std::thread(&Pipe::write, this);
  }
  ~Pipe() {
    in_.join();
    out_.join();
  }

private:
  void read() {}
  void write() {}
  std::thread in_, out_;
};
Pipe g_pipe;

// A stop that joins one thread, called by main, is no explicit stop for the
// other.
// CHECK: :[[@LINE+4]]:7: warning: 'HalfStopped' has a static-storage instance and its thread 'HalfStopped::late_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+20]]:13: note: 'g_halfStopped' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+6]]:13: note: thread 'HalfStopped::late_' is started here by 'std::thread', running 'HalfStopped::run'
// CHECK: :[[@LINE+11]]:5: note: it is joined only here, in 'HalfStopped::~HalfStopped', which runs during teardown
class HalfStopped {
public:
  void start() {
    early_ = std::thread(&HalfStopped::run, this);
    late_ = std::thread(&HalfStopped::run, this);
  }
  void StopEarly() { early_.join(); }
  ~HalfStopped() {
    if (early_.joinable())
      early_.join();
    late_.join();
  }

private:
  void run() {}
  std::thread early_, late_;
};
HalfStopped g_halfStopped;

namespace {
// A stop() exists, but nothing calls it and no other translation unit can:
// the thread is still stopped only at exit.
// CHECK: :[[@LINE+4]]:7: warning: 'Hidden' has a static-storage instance and its thread 'Hidden::t_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+15]]:8: note: 'g_hidden' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:23: note: thread 'Hidden::t_' is started here by 'std::thread', running 'Hidden::run'
// CHECK: :[[@LINE+5]]:5: note: it is joined only here, in 'Hidden::stop', which runs during teardown
class Hidden {
public:
  void start() { t_ = std::thread(&Hidden::run, this); }
  void stop() {
    t_.join();
  }
  ~Hidden() { stop(); }

private:
  void run() {}
  std::thread t_;
};
Hidden g_hidden;
} // namespace

//===--- Negatives ---------------------------------------------------------===//

// Leaked singletons: their destructor never runs.
class Leaked {
public:
  static Leaked &instance() {
    static Leaked *p = new Leaked;
    return *p;
  }
  ~Leaked() { t_.join(); }

private:
  Leaked() : t_(&Leaked::run, this) {}
  void run() {}
  std::thread t_;
};

class LeakedRef {
public:
  void start() { t_ = std::thread(&LeakedRef::run, this); }
  ~LeakedRef() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
static LeakedRef &g_leakedRef = *new LeakedRef;

// The fix of the case study: a public explicit stop, which main calls,
// joins the thread; the destructor is only a safety net.
class Stoppable {
public:
  void Start() { t_ = std::thread(&Stoppable::run, this); }
  void Stop() {
    if (t_.joinable())
      t_.join();
  }
  ~Stoppable() {
    if (t_.joinable())
      t_.join();
  }

private:
  void run() {}
  std::thread t_;
};
Stoppable g_stoppable;

// A public Shutdown() that main and the destructor call.
class Shutdownable {
public:
  void Start() { t_ = std::thread(&Shutdownable::run, this); }
  void Shutdown() { t_.join(); }
  ~Shutdownable() { Shutdown(); }

private:
  void run() {}
  std::thread t_;
};
Shutdownable g_shutdownable;

namespace {
// Internal linkage, but main() calls the stop: ordinary code joins it.
class MainStopped {
public:
  void start() { t_ = std::thread(&MainStopped::run, this); }
  void stop() { t_.join(); }
  ~MainStopped() {
    if (t_.joinable())
      t_.join();
  }

private:
  void run() {}
  std::thread t_;
};
MainStopped g_mainStopped;
} // namespace

// Automatic storage: RAII, joined when the scope ends.
class Scoped {
public:
  Scoped() : t_(&Scoped::run, this) {}
  ~Scoped() { t_.join(); }

private:
  void run() {}
  std::thread t_;
};
void useScoped() { Scoped S; }

// A static owner whose thread is detached, never joined: nothing waits.
class Detached {
public:
  void start() {
    t_ = std::thread(&Detached::run, this);
    t_.detach();
  }

private:
  void run() {}
  std::thread t_;
};
Detached g_detached;

int main() {
  g_mainStopped.start();
  g_mainStopped.stop();
  g_halfStopped.StopEarly();
  g_stoppable.Stop();
  g_shutdownable.Shutdown();
  Logger::instance().log("x");
  return 0;
}
