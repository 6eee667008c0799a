// A check option whose value does not parse is reported the way clang-tidy
// reports its own, under the key it was read from (global or the check's),
// and keeps its default: here the wait below stays a finding, as with no
// options at all. Had the bad lists been taken without their bad entries,
// CreateThread and WaitForSingleObject would no longer be known and the
// file would be clean.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-wait-thread-handle-in-teardown' --config="{CheckOptions: {AssumeDll: maybe, shutdown-wait-thread-handle-in-teardown.WaitFunctions: 'app_wait:0:1;app_wait_ex:x', ThreadCreateFunctions: 'app_spawn:-1:0:2'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefixes=BAD,EXE --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-wait-thread-handle-in-teardown' --config="{CheckOptions: {AssumeDll: maybe, shutdown-wait-thread-handle-in-teardown.WaitFunctions: 'app_wait:0:1;app_wait_ex:x', ThreadCreateFunctions: 'app_spawn:-1:0:2'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefixes=BAD,EXE --implicit-check-not="{{warning|error}}:"
// BAD-DAG: warning: invalid value 'maybe' for option 'AssumeDll': expected true/false, yes/no, on/off or 1/0; using the default [clang-tidy-config]
// BAD-DAG: warning: invalid value 'app_wait_ex:x' for option 'shutdown-wait-thread-handle-in-teardown.WaitFunctions': expected Name[:HandleArg[:TimeoutArg]], HandleArg from 0, TimeoutArg from 0 or -1 for none; using the default [clang-tidy-config]
// BAD-DAG: warning: invalid value 'app_spawn:-1:0:2' for option 'ThreadCreateFunctions': expected Name[:HandleArg[:RoutineArg[:Win32Handle]]], HandleArg and RoutineArg from 0 or -1 for none, Win32Handle 0 or 1; using the default [clang-tidy-config]
//
// Booleans take the spellings clang-tidy accepts, in any case.
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-wait-thread-handle-in-teardown' --config="{CheckOptions: {AssumeDll: 'On'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=DLL --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-wait-thread-handle-in-teardown' --config="{CheckOptions: {AssumeDll: 'YES'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=DLL --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-wait-thread-handle-in-teardown' --config="{CheckOptions: {AssumeDll: '1'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=DLL --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-wait-thread-handle-in-teardown' --config="{CheckOptions: {AssumeDll: 'Off'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=EXE --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-wait-thread-handle-in-teardown' --config="{CheckOptions: {AssumeDll: 'no'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=EXE --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static DWORD WINAPI Proc(LPVOID) { return 0; }

struct Worker {
  HANDLE H = nullptr;
  void start() { H = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr); }
  // EXE: :[[@LINE+2]]:15: warning: 'WaitForSingleObject' waits on thread handle 'H' during static teardown; exit hangs {{.*}} [shutdown-wait-thread-handle-in-teardown]
  // DLL: :[[@LINE+1]]:15: warning: 'WaitForSingleObject' waits on thread handle 'H' during static teardown of a DLL, {{.*}} [shutdown-wait-thread-handle-in-teardown]
  ~Worker() { WaitForSingleObject(H, INFINITE); }
};
Worker gWorker;
