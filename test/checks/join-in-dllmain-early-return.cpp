// shutdown-join-in-dllmain: a DllMain written with early returns. What
// follows "if (fdwReason != DLL_PROCESS_DETACH) return TRUE;" runs for
// DLL_PROCESS_DETACH, and what follows "if (lpvReserved != nullptr) { ...;
// return TRUE; }" on the FreeLibrary path.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <process.h>

static HANDLE g_hThread, g_hStop;
static bool g_detaching;

static unsigned __stdcall Proc(void *) {
  WaitForSingleObject(g_hStop, INFINITE); // An event: clean.
  return 0;
}

extern "C" __declspec(dllexport) void PluginStart() {
  g_hStop = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hThread = (HANDLE)_beginthreadex(nullptr, 0, &Proc, nullptr, 0, nullptr);
}

// CHECK: :[[@LINE+6]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_hThread' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
// CHECK: :[[@LINE+8]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
// CHECK: :[[@LINE+15]]:3: note: 'DllMain' calls 'stopAll' here (DLL_PROCESS_DETACH)
// CHECK: :[[@LINE-6]]:23: note: the waited thread is started here by '_beginthreadex', running 'Proc'
static void stopAll() {
  SetEvent(g_hStop);
  WaitForSingleObject(g_hThread, INFINITE);
}

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  if (fdwReason != DLL_PROCESS_DETACH)
    return TRUE;
  g_detaching = true;
  if (lpvReserved != nullptr) {
    // Process exit: leave the threads alone.
    return TRUE;
  }
  stopAll();
  return TRUE;
}
