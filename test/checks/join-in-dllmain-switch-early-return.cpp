// shutdown-join-in-dllmain: "case DLL_PROCESS_DETACH: if (lpvReserved)
// return TRUE;", the early return right after the case label, selects the
// FreeLibrary path for the rest of the case; the other cases have no
// lpvReserved path.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static HANDLE g_hWorker, g_hHelper, g_hReady;

static DWORD WINAPI Proc(LPVOID) { return 0; }

extern "C" __declspec(dllexport) void PluginStart() {
  g_hReady = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hWorker = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hHelper = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
}

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  switch (fdwReason) {
  case DLL_PROCESS_DETACH:
    if (lpvReserved != nullptr)
      return TRUE;
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForSingleObject' waits on thread handle 'g_hWorker' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-6]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE-11]]:15: note: the waited thread is started here by 'CreateThread', running 'Proc'
    WaitForSingleObject(g_hWorker, INFINITE);
    break;
  case DLL_THREAD_DETACH:
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForSingleObject' waits on thread handle 'g_hHelper' inside 'DllMain' (DLL_THREAD_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-12]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE-16]]:15: note: the waited thread is started here by 'CreateThread', running 'Proc'
    WaitForSingleObject(g_hHelper, INFINITE);
    break;
  case DLL_THREAD_ATTACH:
    // Clean: an event.
    WaitForSingleObject(g_hReady, INFINITE);
    break;
  }
  return TRUE;
}
