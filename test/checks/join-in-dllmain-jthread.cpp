// shutdown-join-in-dllmain: a std::jthread destroyed inside DllMain joins
// its thread implicitly. The finding names the reason of the branch that
// destroys it, whether DllMain destroys the jthread itself or a function it
// calls does.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <thread>

static void Warmup() {}
static void Drain() {}

// CHECK: :[[@LINE+5]]:16: warning: destroying local 'drainer' ('std::jthread') joins its thread inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
// CHECK: :[[@LINE+7]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
// CHECK: :[[@LINE+17]]:5: note: 'DllMain' calls 'drainQueue' here (DLL_PROCESS_DETACH)
// CHECK: :[[@LINE+2]]:16: note: the waited thread is started here by 'std::jthread', running 'Drain'
static void drainQueue() {
  std::jthread drainer(&Drain);
}

BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID) {
  switch (fdwReason) {
  case DLL_PROCESS_ATTACH: {
    DisableThreadLibraryCalls(hinstDLL);
    // CHECK: :[[@LINE+3]]:18: warning: destroying local 'warmup' ('std::jthread') joins its thread inside 'DllMain' (DLL_PROCESS_ATTACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-5]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE+1]]:18: note: the waited thread is started here by 'std::jthread', running 'Warmup'
    std::jthread warmup(&Warmup);
    break;
  }
  case DLL_PROCESS_DETACH:
    drainQueue();
    break;
  }
  return TRUE;
}

// Clean: the same jthread outside any entry point.
void warmupNow() { std::jthread warmup(&Warmup); }
