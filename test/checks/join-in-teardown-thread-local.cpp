// thread_local objects are destroyed when their thread exits: the main
// thread's at exit, after main returns. A join in their destructor is a join
// at teardown; an object that joins nothing is not.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>

static void work() {}

// ---- Positive: a per-thread helper that owns a thread and joins it. -------

struct Prefetcher {
  Prefetcher() : t(work) {}
  ~Prefetcher() {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't' when a thread exits (the main thread's at exit); exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+6]]:25: note: 'tlsPrefetcher' is thread_local: it is destroyed when its thread exits, the main thread's after main returns
    // CHECK: note: the waited thread is started here by 'std::thread', running 'work'
    t.join();
  }
  std::thread t;
};
thread_local Prefetcher tlsPrefetcher;

// A function-local thread_local, reached through a member.
struct Flusher {
  Flusher() : t(work) {}
  ~Flusher() {
    if (t.joinable())
      // CHECK: :[[@LINE+1]]:7: warning: 'std::thread::join' waits for thread 't' when a thread exits (the main thread's at exit); {{.*}} [shutdown-join-in-teardown]
      t.join();
  }
  std::thread t;
};
struct Buffer {
  Flusher f;
};
Buffer &buffer() {
  // CHECK: :[[@LINE+1]]:23: note: 'buffer::b' is thread_local: it is destroyed when its thread exits, the main thread's after main returns
  thread_local Buffer b;
  return b;
}

// ---- Negatives. -----------------------------------------------------------

// A thread_local that joins nothing.
struct Counter {
  ~Counter() { ++n; }
  int n = 0;
};
thread_local Counter tlsCounter;

// A thread_local pointer: the object is never destroyed by the thread's exit.
thread_local Prefetcher *tlsLeaked = new Prefetcher;

int main() { buffer(); }
