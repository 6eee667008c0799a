// shutdown-join-in-teardown from the roots that are not static destructors:
// handlers registered with atexit, std::atexit, at_quick_exit and
// std::at_quick_exit (functions and captureless lambdas), and functions
// marked __attribute__((destructor)). _onexit is in
// join-in-teardown-onexit.cpp, C11 thrd_join in join-in-teardown-c11.c.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <cstdlib>
#include <stdlib.h>
#include <thread>

static void work() {}

std::thread gFlusher, gAuditor, gQuick, gStdQuick, gLambda, gLambdaHelper,
    gFini;

// ---- atexit with a function. ----------------------------------------------

static void stopFlusher() {
  // CHECK: :[[@LINE+3]]:3: warning: 'std::thread::join' waits for thread 'gFlusher' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+64]]:3: note: 'stopFlusher' is registered with 'atexit' here: it runs at exit
  // CHECK: :[[@LINE+55]]:14: note: the waited thread is started here by 'std::thread', running 'work'
  gFlusher.join();
}

// ---- std::atexit with a handler that joins through a helper. --------------

static void joinAuditor() {
  // CHECK: :[[@LINE+3]]:3: warning: 'std::thread::join' waits for thread 'gAuditor' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+56]]:3: note: 'onExitAudit' is registered with 'atexit' here: it runs at exit
  // CHECK: :[[@LINE+4]]:3: note: 'onExitAudit' calls 'joinAuditor' here
  gAuditor.join();
}
static void onExitAudit() {
  joinAuditor();
}

// ---- at_quick_exit and std::at_quick_exit. --------------------------------

static void stopQuick() {
  // CHECK: :[[@LINE+2]]:3: warning: 'std::thread::join' waits for thread 'gQuick' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+45]]:3: note: 'stopQuick' is registered with 'at_quick_exit' here: it runs when the program calls quick_exit
  gQuick.join();
}
static void stopStdQuick() {
  // CHECK: :[[@LINE+2]]:3: warning: 'std::thread::join' waits for thread 'gStdQuick' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+41]]:3: note: 'stopStdQuick' is registered with 'at_quick_exit' here: it runs when the program calls quick_exit
  gStdQuick.join();
}

// ---- A destructor function. -----------------------------------------------

__attribute__((destructor)) static void finiModule() {
  // CHECK: :[[@LINE+2]]:3: warning: 'std::thread::join' waits for thread 'gFini' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE-2]]:41: note: 'finiModule' is a destructor function: it runs at exit or when its library is unloaded
  gFini.join();
}

// ---- Negatives: the same kind of functions, never run by teardown. --------

std::thread gStartup, gCallback, gDirect, gUnused;

__attribute__((constructor)) static void initModule() {
  gStartup = std::thread(work);
  gStartup.join();
}

using Callback = void (*)();
void registerCallback(Callback);
static void onEvent() { gCallback.join(); }

static void neverRegistered() { gUnused.join(); }

static void flushLogs() {} // Registered with atexit, joins nothing.

int main() {
  gFlusher = std::thread(work);
  gAuditor = std::thread(work);
  gQuick = std::thread(work);
  gStdQuick = std::thread(work);
  gLambda = std::thread(work);
  gLambdaHelper = std::thread(work);
  gFini = std::thread(work);

  atexit(stopFlusher);
  std::atexit(onExitAudit);
  at_quick_exit(stopQuick);
  std::at_quick_exit(&stopStdQuick);
  atexit(flushLogs);

  // A captureless lambda, converted to a function pointer.
  std::atexit([] {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 'gLambda' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE-2]]:3: note: 'lambda at join-in-teardown-roots.cpp:[[@LINE-2]]' is registered with 'atexit' here: it runs at exit
    gLambda.join();
  });
  // at_quick_exit with a lambda.
  at_quick_exit([]() {
    gLambdaHelper.join();
  });
  // CHECK: :[[@LINE-2]]:5: warning: 'std::thread::join' waits for thread 'gLambdaHelper' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE-4]]:3: note: 'lambda at join-in-teardown-roots.cpp:[[@LINE-4]]' is registered with 'at_quick_exit' here: it runs when the program calls quick_exit

  // Negatives: a lambda called directly, callbacks that are not teardown.
  registerCallback(onEvent);
  auto JoinNow = [] { gDirect.join(); };
  gDirect = std::thread(work);
  JoinNow();
  gCallback = std::thread(work);
}
