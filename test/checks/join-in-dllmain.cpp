// shutdown-join-in-dllmain: a wait on a thread handle three calls below
// DllMain, in "case DLL_PROCESS_DETACH:" of a switch on the reason. Waits on
// events, polls, and functions with the same body that are not the DLL's
// entry point are clean.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static HANDLE g_hWorker;
static HANDLE g_hStop;
static HANDLE g_hDone;

static DWORD WINAPI WorkerProc(LPVOID) {
  WaitForSingleObject(g_hStop, INFINITE);
  SetEvent(g_hDone);
  return 0;
}

extern "C" __declspec(dllexport) void PluginStart() {
  g_hStop = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hDone = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hWorker = CreateThread(nullptr, 0, &WorkerProc, nullptr, 0, nullptr);
}

// CHECK: :[[@LINE+7]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_hWorker' inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
// CHECK: :[[@LINE+19]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
// CHECK: :[[@LINE+27]]:5: note: 'DllMain' calls 'onDetach' here (DLL_PROCESS_DETACH)
// CHECK: :[[@LINE+14]]:3: note: 'onDetach' calls 'stopWorker' here
// CHECK: :[[@LINE+9]]:3: note: 'stopWorker' calls 'waitWorker' here
// CHECK: :[[@LINE-8]]:15: note: the waited thread is started here by 'CreateThread', running 'WorkerProc'
static void waitWorker() {
  WaitForSingleObject(g_hWorker, INFINITE);
  CloseHandle(g_hWorker);
}

static void stopWorker() {
  SetEvent(g_hStop);
  waitWorker();
}

static void onDetach() {
  stopWorker();
}

BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID lpvReserved) {
  switch (fdwReason) {
  case DLL_PROCESS_ATTACH:
    DisableThreadLibraryCalls(hinstDLL);
    break;
  case DLL_PROCESS_DETACH:
    // Clean: an event and a poll do not wait for a thread to exit.
    WaitForSingleObject(g_hDone, INFINITE);
    WaitForSingleObject(g_hWorker, 0);
    onDetach();
    break;
  }
  return TRUE;
}

//===--- Negatives: not the DLL's entry point ------------------------------===//

BOOL WINAPI NotDllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID) {
  switch (fdwReason) {
  case DLL_PROCESS_DETACH:
    onDetach();
    break;
  }
  return TRUE;
}

namespace legacy {
BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_PROCESS_DETACH)
    WaitForSingleObject(g_hWorker, INFINITE);
  return TRUE;
}
} // namespace legacy

struct Plugin {
  static BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
    if (fdwReason == DLL_PROCESS_DETACH)
      stopWorker();
    return TRUE;
  }
};
