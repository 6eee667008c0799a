// shutdown-join-in-dllmain: one wait reached from DllMain on the process-exit
// path and on the FreeLibrary path is one finding, worded as the FreeLibrary
// deadlock: the process-exit path must not hide it. A wait reached only on
// the process-exit path keeps its own wording.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static DWORD WINAPI Work(LPVOID) { return 0; }
static HANDLE gWorker;
static HANDLE gFlusher;

static void stopWorker() {
  // CHECK: :[[@LINE+2]]:3: warning: 'WaitForSingleObject' waits on thread handle 'gWorker' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
  // CHECK: :[[@LINE+18]]:7: note: 'DllMain' calls 'stopWorker' here (DLL_PROCESS_DETACH)
  WaitForSingleObject(gWorker, INFINITE);
}

static void stopFlusher() {
  // CHECK: :[[@LINE+1]]:3: warning: 'WaitForSingleObject' waits on thread handle 'gFlusher' inside 'DllMain' (DLL_PROCESS_DETACH, process exit): at process exit the other threads are already terminated{{.*}} [shutdown-join-in-dllmain]
  WaitForSingleObject(gFlusher, INFINITE);
}

BOOL WINAPI DllMain(HINSTANCE, DWORD Reason, LPVOID Reserved) {
  if (Reason == DLL_PROCESS_ATTACH) {
    gWorker = CreateThread(nullptr, 0, Work, nullptr, 0, nullptr);
    gFlusher = CreateThread(nullptr, 0, Work, nullptr, 0, nullptr);
  } else if (Reason == DLL_PROCESS_DETACH) {
    if (Reserved != nullptr) {
      stopWorker();
      stopFlusher();
    } else {
      stopWorker();
    }
  }
  return TRUE;
}
