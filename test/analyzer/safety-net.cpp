// The safety net, path-sensitive: a teardown join or wait under a test of
// object state (joinable(), the handle, a running flag) is accepted when
// ordinary code stops the same thread (an explicit stop), and is reported
// otherwise, but only on paths where the test can hold: a join the path
// made impossible (the handle reset, the thread detached or joined) is no
// finding at all.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 -verify=expected,alone -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-disable-checker=shutdown.SingletonThreadWithoutUninit
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 -verify -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=core -analyzer-disable-checker=shutdown.SingletonThreadWithoutUninit

#include <windows.h>
#include <memory>
#include <thread>

static DWORD WINAPI Proc(LPVOID) { return 0; }

// Guarded, with no explicit stop: the guard can hold, so it is reported.
class Guarded {
public:
  void start() { h_ = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr); }
  ~Guarded() {
    if (h_)
      WaitForSingleObject(h_, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'h_' during static teardown}}
  }

private:
  HANDLE h_ = nullptr;
};
static Guarded g1;

// The safety net: UnInit() stops the thread from ordinary code and resets
// the handle; the destructor waits only if the thread is still running.
class SafetyNet {
public:
  void start() { h_ = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr); }
  void UnInit() {
    if (!h_)
      return;
    WaitForSingleObject(h_, INFINITE);
    CloseHandle(h_);
    h_ = nullptr;
  }
  ~SafetyNet() {
    if (h_)
      UnInit();
  }

private:
  HANDLE h_ = nullptr;
};
static SafetyNet g2;

// An explicit stop exists, but the destructor waits whatever the state.
class Unguarded {
public:
  void start() { h_ = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr); }
  void stop() { WaitForSingleObject(h_, INFINITE); }
  ~Unguarded() { WaitForSingleObject(h_, INFINITE); } // expected-warning{{'WaitForSingleObject' waits on thread handle 'h_' during static teardown}}

private:
  HANDLE h_ = nullptr;
};
static Unguarded g3;

// The guard cannot hold: release() reset the handle first. (The facts
// engine, which cannot order the two, reports this wait.)
class Released {
public:
  void start() { h_ = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr); }
  ~Released() {
    release();
    if (h_)
      WaitForSingleObject(h_, INFINITE);
  }

private:
  void release() {
    CloseHandle(h_);
    h_ = nullptr;
  }
  HANDLE h_ = nullptr;
};
static Released g4;

// joinable(): with an explicit stop, the safety net; without, reported.
class Joiner {
public:
  void start() { t_ = std::thread([] {}); }
  void stop() { t_.join(); }
  ~Joiner() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_;
};
static Joiner g5;

class JoinerNoStop {
public:
  void start() { t_ = std::thread([] {}); }
  ~JoinerNoStop() {
    if (t_.joinable())
      t_.join(); // expected-warning{{'std::thread::join' waits for thread 't_' during static teardown}}
  }

private:
  std::thread t_;
};
static JoinerNoStop g6;

// Detached on the path: joinable() is false, the join is never reached.
class Detacher {
public:
  void start() { t_ = std::thread([] {}); }
  ~Detacher() {
    t_.detach();
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_;
};
static Detacher g7;

// A running flag, tested in the destructor, guarding a helper's join.
class Flagged {
public:
  void start() {
    running_ = true;
    t_ = std::thread([] {});
  }
  void shutdown() {
    running_ = false;
    join();
  }
  ~Flagged() {
    if (running_)
      join();
  }

private:
  void join() { t_.join(); }
  bool running_ = false;
  std::thread t_;
};
static Flagged g8;

class FlaggedNoStop {
public:
  void start() {
    running_ = true;
    t_ = std::thread([] {});
  }
  ~FlaggedNoStop() {
    if (!running_)
      return;
    running_ = false;
    t_.join(); // expected-warning{{'std::thread::join' waits for thread 't_' during static teardown}}
  }

private:
  bool running_ = false;
  std::thread t_;
};
static FlaggedNoStop g9;

// The flag guards something else; the join runs whatever its value.
class FlagElsewhere {
public:
  void start() { t_ = std::thread([] {}); }
  void stop() { t_.join(); }
  ~FlagElsewhere() {
    if (verbose_)
      OutputDebugStringA("stopping");
    t_.join(); // expected-warning{{'std::thread::join' waits for thread 't_' during static teardown}}
  }

private:
  bool verbose_ = false;
  std::thread t_;
};
static FlagElsewhere g10;

// Owned through a static std::unique_ptr: destroyed at exit only if the
// pointer still holds it. Ordinary code that resets it is the explicit stop.
class Owned {
public:
  Owned() : t_([] {}) {}
  ~Owned() { t_.join(); }

private:
  std::thread t_;
};
static std::unique_ptr<Owned> g_owned;
void OpenOwned() { g_owned = std::make_unique<Owned>(); }
void CloseOwned() { g_owned.reset(); }

// Never reset: reported. (With other checkers, OpenKept's assignment, which
// destroys the old object, is explored first and ~Kept with it, not again
// from its own entry: the limit of roots-inlined.cpp.)
class Kept {
public:
  Kept() : t_([] {}) {}
  ~Kept() {
    t_.join(); // alone-warning{{'std::thread::join' waits for thread 't_' during static teardown}}
  }

private:
  std::thread t_;
};
static std::unique_ptr<Kept> g_kept;
void OpenKept() { g_kept = std::make_unique<Kept>(); }
