// shutdown-join-in-dllmain: the DllMain of Microsoft's documentation, where
// "case DLL_PROCESS_DETACH:" skips the cleanup at process exit with
// "if (lpvReserved != nullptr) { break; }". The cleanup that follows runs
// only on the FreeLibrary path and is reported as that deadlock.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static HANDLE g_hThread;

static DWORD WINAPI Proc(LPVOID) { return 0; }

extern "C" __declspec(dllexport) void PluginStart() {
  g_hThread = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
}

// CHECK: :[[@LINE+5]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_hThread' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
// CHECK: :[[@LINE+8]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
// CHECK: :[[@LINE+17]]:5: note: 'DllMain' calls 'cleanup' here (DLL_PROCESS_DETACH)
// CHECK: :[[@LINE-6]]:15: note: the waited thread is started here by 'CreateThread', running 'Proc'
static void cleanup() {
  WaitForSingleObject(g_hThread, INFINITE);
  CloseHandle(g_hThread);
}

BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID lpvReserved) {
  switch (fdwReason) {
  case DLL_PROCESS_ATTACH:
    // Clean: no thread is waited for.
    DisableThreadLibraryCalls(hinstDLL);
    break;
  case DLL_PROCESS_DETACH:
    if (lpvReserved != nullptr) {
      break; // Do not do cleanup if process termination scenario.
    }
    cleanup();
    break;
  }
  return TRUE;
}
