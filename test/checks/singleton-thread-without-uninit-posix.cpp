// shutdown-singleton-thread-without-uninit on POSIX: a pthread_t member
// passed to pthread_create is a thread; one that only receives a thread id
// from elsewhere is not owned.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- --target=x86_64-linux-gnu -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- --target=x86_64-linux-gnu -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <pthread.h>

//===--- Positives ---------------------------------------------------------===//

// CHECK: :[[@LINE+4]]:7: warning: 'Reaper' has a static-storage instance and its thread 'Reaper::tid_' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+15]]:8: note: 'g_reaper' has static storage: it is destroyed at exit
// CHECK: :[[@LINE+4]]:18: note: thread 'Reaper::tid_' is started here by 'pthread_create', running 'Reaper::entry'
// CHECK: :[[@LINE+9]]:5: note: it is joined only here, in 'Reaper::join', which runs during teardown
class Reaper {
public:
  void start() { pthread_create(&tid_, nullptr, &Reaper::entry, this); }
  ~Reaper() { join(); }

private:
  static void *entry(void *) { return nullptr; }
  void join() {
    pthread_join(tid_, nullptr);
  }
  pthread_t tid_{};
};
Reaper g_reaper;

//===--- Negatives ---------------------------------------------------------===//

// The thread id comes from elsewhere: this class does not own a thread.
class Adopter {
public:
  void adopt(pthread_t t) { peer_ = t; }
  ~Adopter() { pthread_join(peer_, nullptr); }

private:
  pthread_t peer_{};
};
Adopter g_adopter;

// A public stop joins the thread.
class Stopper {
public:
  void start() { pthread_create(&tid_, nullptr, &Stopper::entry, this); }
  void stop() {
    if (running_)
      pthread_join(tid_, nullptr);
    running_ = false;
  }
  ~Stopper() { stop(); }

private:
  static void *entry(void *) { return nullptr; }
  pthread_t tid_{};
  bool running_ = false;
};
Stopper g_stopper;

// Automatic storage: RAII.
class ScopedThread {
public:
  ScopedThread() { pthread_create(&tid_, nullptr, &ScopedThread::entry, this); }
  ~ScopedThread() { pthread_join(tid_, nullptr); }

private:
  static void *entry(void *) { return nullptr; }
  pthread_t tid_{};
};
void useScopedThread() { ScopedThread T; }
