// shutdown.JoinInTeardown: joins reached from static teardown, each root
// kind: a static-storage object's destructor (what it owns included), an
// atexit handler, a destructor function; std::thread::join, pthread_join,
// the destructor of std::jthread. Objects destroyed in ordinary code (RAII
// locals, deleted objects), leaked singletons and functions no teardown
// runs are clean.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_host -std=c++20 -verify -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-disable-checker=shutdown.SingletonThreadWithoutUninit

#include <pthread.h>
#include <stdlib.h>
#include <thread>

// The destructor of a namespace-scope static.
class Telemetry {
public:
  Telemetry() : Worker([] {}) {}
  ~Telemetry() {
    Worker.join(); // expected-warning{{'std::thread::join' waits for thread 'Worker' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown.JoinInTeardown]}}
  }

private:
  std::thread Worker;
};
static Telemetry TheTelemetry;

// A member's destructor: static teardown destroys what the static owns.
struct Uploader {
  std::thread T;
  ~Uploader() {
    T.join(); // expected-warning{{'std::thread::join' waits for thread 'T' during static teardown}}
  }
};
struct Service {
  Uploader Up;
};
static Service TheService;

// std::jthread joins in its destructor.
class Poller {
public:
  Poller() : Loop([] {}) {}
  ~Poller() {} // expected-warning{{destroying member 'Loop' ('std::jthread') joins its thread during static teardown}}

private:
  std::jthread Loop;
};
Poller &poller() {
  static Poller P; // A function-local static.
  return P;
}

// An atexit handler and a destructor function.
static pthread_t Tid;
static void *run(void *) { return nullptr; }
static void joinWorker() {
  pthread_join(Tid, nullptr); // expected-warning{{'pthread_join' waits for thread 'Tid' during static teardown}}
}
static std::thread Flusher;
__attribute__((destructor)) static void flushAtUnload() {
  Flusher.join(); // expected-warning{{'std::thread::join' waits for thread 'Flusher' during static teardown}}
}

//===--- Negatives ----------------------------------------------------------===//

// RAII: a local's destructor runs in ordinary code, not at exit.
class Scoped {
public:
  Scoped() : T([] {}) {}
  ~Scoped() { T.join(); }

private:
  std::thread T;
};
void work() { Scoped S; }

// A leaked singleton is never destroyed.
class Leaked {
public:
  Leaked() : T([] {}) {}
  ~Leaked() { T.join(); }

private:
  std::thread T;
};
Leaked &leaked() {
  static Leaked *L = new Leaked;
  return *L;
}

// Joined in an ordinary function that no teardown runs.
static std::thread Indexer;
void stopIndexer() { Indexer.join(); }

int main() {
  pthread_create(&Tid, nullptr, run, nullptr);
  Flusher = std::thread([] {});
  Indexer = std::thread([] {});
  atexit(joinWorker);
  poller();
  work();
  leaked();
  stopIndexer();
}
