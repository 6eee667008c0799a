// shutdown-join-in-teardown in C: thrd_join (C11 <threads.h>) and
// pthread_join reached from atexit/at_quick_exit handlers and from a
// destructor function, directly or through helpers.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c11 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c11 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <threads.h>

static int run(void *Arg) {
  (void)Arg;
  return 0;
}
static void *poll(void *Arg) { return Arg; }

static thrd_t gWorker;
struct pool {
  thrd_t th[4];
  int size;
};
static struct pool gPool;
static pthread_t gPoller;

// ---- thrd_join in an atexit handler. --------------------------------------

static void stopWorker(void) {
  // CHECK: :[[@LINE+3]]:3: warning: 'thrd_join' waits for thread 'gWorker' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+48]]:3: note: 'stopWorker' is registered with 'atexit' here: it runs at exit
  // CHECK: :[[@LINE+41]]:3: note: the waited thread is started here by 'thrd_create', running 'run'
  thrd_join(gWorker, NULL);
}

// ---- thrd_join over an array member, in an at_quick_exit handler. ---------

static void stopPool(void) {
  for (int I = 0; I < gPool.size; ++I)
    // CHECK: :[[@LINE+3]]:5: warning: 'thrd_join' waits for thread 'gPool.th[I]' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+39]]:3: note: 'stopPool' is registered with 'at_quick_exit' here: it runs when the program calls quick_exit
    // CHECK: :[[@LINE+34]]:5: note: the waited thread is started here by 'thrd_create', running 'run'
    thrd_join(gPool.th[I], NULL);
}

// ---- pthread_join two calls below a destructor function. ------------------

static void joinPoller(void) {
  // CHECK: :[[@LINE+4]]:3: warning: 'pthread_join' waits for thread 'gPoller' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+8]]:41: note: 'fini' is a destructor function: it runs at exit or when its library is unloaded
  // CHECK: :[[@LINE+8]]:3: note: 'fini' calls 'shutdownAll' here
  // CHECK: :[[@LINE+4]]:3: note: 'shutdownAll' calls 'joinPoller' here
  pthread_join(gPoller, NULL);
}
static void shutdownAll(void) {
  joinPoller();
}
__attribute__((destructor)) static void fini(void) {
  shutdownAll();
}

// ---- Negatives: a join in ordinary code, one in an unregistered function. -

static void joinNow(thrd_t T) { thrd_join(T, NULL); }
static void neverCalled(void) { thrd_join(gWorker, NULL); }
static void flush(void) {}

int main(void) {
  thrd_t Local;
  thrd_create(&Local, run, NULL);
  joinNow(Local);

  thrd_create(&gWorker, run, NULL);
  gPool.size = 4;
  for (int I = 0; I < gPool.size; ++I)
    thrd_create(&gPool.th[I], run, NULL);
  pthread_create(&gPoller, NULL, poll, NULL);

  atexit(stopWorker);
  at_quick_exit(stopPool);
  atexit(flush);
  return 0;
}
