// shutdown-join-in-teardown with the Microsoft C runtime's _onexit (and its
// old name onexit): a registered handler runs at exit like an atexit one.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <stdlib.h>
#include <thread>

static void work() {}

std::thread gReporter, gCollector, gLambda, gUnregistered;

static int __cdecl stopReporter() {
  // CHECK: :[[@LINE+3]]:3: warning: 'std::thread::join' waits for thread 'gReporter' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+27]]:3: note: 'stopReporter' is registered with '_onexit' here: it runs at exit
  // CHECK: :[[@LINE+23]]:15: note: the waited thread is started here by 'std::thread', running 'work'
  gReporter.join();
  return 0;
}

static void joinCollector() {
  // CHECK: :[[@LINE+3]]:3: warning: 'std::thread::join' waits for thread 'gCollector' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+20]]:3: note: 'stopCollector' is registered with 'onexit' here: it runs at exit
  // CHECK: :[[@LINE+4]]:3: note: 'stopCollector' calls 'joinCollector' here
  gCollector.join();
}
static int __cdecl stopCollector() {
  joinCollector();
  return 0;
}

// Negative: the same kind of function, never registered.
static int __cdecl notRegistered() {
  gUnregistered.join();
  return 0;
}

int main() {
  gReporter = std::thread(work);
  gCollector = std::thread(work);
  gLambda = std::thread(work);
  _onexit(stopReporter);
  onexit(stopCollector);
  _onexit([]() -> int {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 'gLambda' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE-2]]:3: note: 'lambda at join-in-teardown-onexit.cpp:[[@LINE-2]]' is registered with '_onexit' here: it runs at exit
    gLambda.join();
    return 0;
  });
  // Negative: a join in ordinary code.
  gUnregistered = std::thread(work);
  gUnregistered.join();
}
