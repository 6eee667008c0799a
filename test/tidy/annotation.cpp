// [[clang::annotate("shutdown-hazards:intentional")]] on a variable or a
// class says its teardown is intended (never destroyed, or stopped before
// exit by means the model cannot see): no finding on its static instances.
// The same code without the annotation, or with another annotation, is
// reported.
//
// RUN: %clang_tidy_plugin %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <thread>

#define SHUTDOWN_INTENTIONAL [[clang::annotate("shutdown-hazards:intentional")]]

// CHECK: :[[@LINE+1]]:8: warning: 'Worker' has a static-storage instance{{.*}} [shutdown-singleton-thread-without-uninit]
struct Worker {
  std::thread T;
  ~Worker() { T.join(); }
};
// CHECK: :[[@LINE+1]]:8: note: 'gPlain' has static storage
Worker gPlain;
// CHECK: :[[@LINE+1]]:41: note: 'gOther' has static storage
[[clang::annotate("unrelated")]] Worker gOther;
// CHECK: :[[@LINE-6]]:15: warning: 'std::thread::join' waits for thread 'T' during static teardown{{.*}} [shutdown-join-in-teardown]

SHUTDOWN_INTENTIONAL Worker gAnnotated;

struct SHUTDOWN_INTENTIONAL Daemon {
  std::thread T;
  ~Daemon() { T.join(); }
};
Daemon gDaemon;
