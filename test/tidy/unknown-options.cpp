// A CheckOptions key that none of our checks reads is a warning, as
// --verify-config would say: a key under one of our checks' names that the
// check does not read, a key under a shutdown- name that is no check, and a
// shared key a few edits from one of ours. Each is said once, with the
// nearest key that exists. Other checks' keys, and shared keys far from
// ours, are left alone. The misspelled ThreadType leaves app::Thread
// unknown: no finding.
//
// RUN: %clang_tidy_plugin %s --config="{CheckOptions: {ThreadType: 'app::Thread', shutdown-join-in-teardown.JoinFunction: 'app_join', shutdown-join-in-teardwn.AssumeDll: true, shutdown-join-in-dllmain.Unrelated: 1, bugprone-argument-comment.StrictMode: true, StrictMode: true}}" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=TYPO --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --config="{CheckOptions: {ThreadType: 'app::Thread', shutdown-join-in-teardown.JoinFunction: 'app_join', shutdown-join-in-teardwn.AssumeDll: true, shutdown-join-in-dllmain.Unrelated: 1, bugprone-argument-comment.StrictMode: true, StrictMode: true}}" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=TYPO --implicit-check-not="{{warning|error}}:"
// TYPO-DAG: warning: unknown check option 'ThreadType'; did you mean 'ThreadTypes'? [clang-tidy-config]
// TYPO-DAG: warning: unknown check option 'shutdown-join-in-teardown.JoinFunction'; did you mean 'shutdown-join-in-teardown.JoinFunctions'? [clang-tidy-config]
// TYPO-DAG: warning: unknown check option 'shutdown-join-in-teardwn.AssumeDll'; did you mean 'shutdown-join-in-teardown.AssumeDll'? [clang-tidy-config]
// TYPO-DAG: warning: unknown check option 'shutdown-join-in-dllmain.Unrelated' [clang-tidy-config]
//
// Only the enabled checks speak: shared keys are named by the first of them.
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' --config="{CheckOptions: {ThreadType: 'app::Thread', shutdown-join-in-teardown.JoinFunction: 'app_join', shutdown-join-in-dllmain.Unrelated: 1}}" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=ONE --implicit-check-not="{{warning|error}}:"
// ONE-DAG: warning: unknown check option 'ThreadType'; did you mean 'ThreadTypes'? [clang-tidy-config]
// ONE-DAG: warning: unknown check option 'shutdown-join-in-dllmain.Unrelated' [clang-tidy-config]
//
// Spelled right, the same keys find the join.
// RUN: %shutdown_tidy %s --config="{CheckOptions: {ThreadTypes: 'std::thread;app::Thread', shutdown-join-in-teardown.JoinFunctions: 'app_join'}}" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=RIGHT --implicit-check-not="{{warning|error}}:"

namespace app {
struct Thread {
  void join();
};
} // namespace app
// RIGHT-DAG: :[[@LINE+1]]:8: warning: 'Pump' has a static-storage instance{{.*}} [shutdown-singleton-thread-without-uninit]
struct Pump {
  app::Thread T;
  // RIGHT-DAG: :[[@LINE+1]]:13: warning: 'app::Thread::join' waits for thread 'T' during static teardown{{.*}} [shutdown-join-in-teardown]
  ~Pump() { T.join(); }
} ThePump;
