// shutdown-join-in-dllmain: the reason and lpvReserved tested in one
// condition, "fdwReason == DLL_PROCESS_DETACH && lpvReserved == nullptr"
// (FreeLibrary) and "... && lpvReserved != nullptr" (process exit).
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static HANDLE g_hWorker, g_hLogger, g_hReady;

static DWORD WINAPI Proc(LPVOID) { return 0; }

extern "C" __declspec(dllexport) void PluginStart() {
  g_hReady = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hWorker = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hLogger = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
}

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  // Clean: an event.
  if (fdwReason == DLL_PROCESS_ATTACH && lpvReserved == nullptr)
    WaitForSingleObject(g_hReady, INFINITE);
  // CHECK: :[[@LINE+4]]:5: warning: 'WaitForSingleObject' waits on thread handle 'g_hWorker' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
  // CHECK: :[[@LINE-5]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
  // CHECK: :[[@LINE-10]]:15: note: the waited thread is started here by 'CreateThread', running 'Proc'
  if (fdwReason == DLL_PROCESS_DETACH && lpvReserved == nullptr)
    WaitForSingleObject(g_hWorker, INFINITE);
  // CHECK: :[[@LINE+4]]:5: warning: 'WaitForSingleObject' waits on thread handle 'g_hLogger' inside 'DllMain' (DLL_PROCESS_DETACH, process exit): at process exit the other threads are already terminated, so the wait cannot tell whether its thread finished its work [shutdown-join-in-dllmain]
  // CHECK: :[[@LINE-10]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
  // CHECK: :[[@LINE-14]]:15: note: the waited thread is started here by 'CreateThread', running 'Proc'
  if (fdwReason == DLL_PROCESS_DETACH && lpvReserved != nullptr)
    WaitForSingleObject(g_hLogger, INFINITE);
  return TRUE;
}
