// shutdown-join-in-dllmain: DLL_PROCESS_DETACH split by lpvReserved. With
// lpvReserved != NULL the process is exiting and the other threads are
// already terminated: reported as a wait that cannot tell whether its thread
// finished. With lpvReserved == NULL (FreeLibrary) the wait is the deadlock.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <thread>

static HANDLE g_hLogger, g_hWorker, g_hAux, g_hExitOnly, g_hFlushed;
static std::thread g_indexer;

static DWORD WINAPI Proc(LPVOID) { return 0; }
static void Index(int) {}

extern "C" __declspec(dllexport) void PluginStart() {
  g_hFlushed = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hLogger = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hWorker = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hAux = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hExitOnly = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_indexer = std::thread(&Index, 0);
}

// CHECK: :[[@LINE+6]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_hLogger' inside 'DllMain' (DLL_PROCESS_DETACH, process exit): at process exit the other threads are already terminated, so the wait cannot tell whether its thread finished its work [shutdown-join-in-dllmain]
// CHECK: :[[@LINE+8]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
// CHECK: :[[@LINE+11]]:7: note: 'DllMain' calls 'flushLogger' here (DLL_PROCESS_DETACH)
// CHECK: :[[@LINE-10]]:15: note: the waited thread is started here by 'CreateThread', running 'Proc'
static void flushLogger() {
  WaitForSingleObject(g_hFlushed, INFINITE); // An event: clean.
  WaitForSingleObject(g_hLogger, INFINITE);
}

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  switch (fdwReason) {
  case DLL_PROCESS_DETACH:
    if (lpvReserved != nullptr) {
      flushLogger();
    } else {
      // CHECK: :[[@LINE+3]]:7: warning: 'WaitForSingleObject' waits on thread handle 'g_hWorker' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
      // CHECK: :[[@LINE-7]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
      // CHECK: :[[@LINE-23]]:15: note: the waited thread is started here by 'CreateThread', running 'Proc'
      WaitForSingleObject(g_hWorker, INFINITE);
    }
    // CHECK: :[[@LINE+4]]:7: warning: 'WaitForSingleObject' waits on thread handle 'g_hAux' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-12]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE-27]]:12: note: the waited thread is started here by 'CreateThread', running 'Proc'
    if (lpvReserved == NULL)
      WaitForSingleObject(g_hAux, INFINITE);
    // CHECK: :[[@LINE+4]]:7: warning: 'WaitForSingleObject' waits on thread handle 'g_hExitOnly' inside 'DllMain' (DLL_PROCESS_DETACH, process exit): at process exit the other threads are already terminated, so the wait cannot tell whether its thread finished its work [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-17]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE-31]]:17: note: the waited thread is started here by 'CreateThread', running 'Proc'
    if (lpvReserved)
      WaitForSingleObject(g_hExitOnly, INFINITE);
    // CHECK: :[[@LINE+4]]:7: warning: 'std::thread::join' waits for thread 'g_indexer' inside 'DllMain' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-22]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE-35]]:15: note: the waited thread is started here by 'std::thread', running 'Index'
    if (!lpvReserved)
      g_indexer.join();
    break;
  }
  return TRUE;
}
