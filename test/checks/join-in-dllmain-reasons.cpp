// shutdown-join-in-dllmain: "if (fdwReason == ...)" chains. Joining or
// waiting for a thread deadlocks under the loader lock whatever the reason:
// DLL_PROCESS_ATTACH, DLL_THREAD_DETACH and DLL_PROCESS_DETACH are reported,
// each with its reason. std::thread::join, a pool's join loop,
// WaitForMultipleObjects on an array of thread handles, and a wait guarded
// by the handle's value with no explicit stop anywhere.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <thread>
#include <vector>

static HANDLE g_hHelper;
static HANDLE g_hPair[2];
static HANDLE g_hGuarded;
static HANDLE g_hReady;
static std::thread g_pump;

static DWORD WINAPI InitProc(LPVOID) { return 0; }
static DWORD WINAPI HelperProc(LPVOID) { return 0; }
static void Pump(int) {}

class Pool {
public:
  void start() {
    for (int i = 0; i < 4; ++i)
      threads_.emplace_back(&Pool::work, this);
  }
  // CHECK: :[[@LINE+6]]:7: warning: 'std::thread::join' waits for thread 't' inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
  // CHECK: :[[@LINE+33]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
  // CHECK: :[[@LINE+52]]:5: note: 'DllMain' calls 'Pool::shutdown' here (DLL_PROCESS_DETACH)
  // CHECK: :[[@LINE-5]]:7: note: the waited thread is started here by 'std::thread', running 'Pool::work'
  void shutdown() {
    for (std::thread &t : threads_)
      t.join();
    threads_.clear();
  }

private:
  void work() {}
  std::vector<std::thread> threads_;
};
Pool g_pool;

extern "C" __declspec(dllexport) void PluginStart() {
  g_hReady = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hHelper = CreateThread(nullptr, 0, &HelperProc, nullptr, 0, nullptr);
  for (int i = 0; i < 2; ++i)
    g_hPair[i] = CreateThread(nullptr, 0, &HelperProc, nullptr, 0, nullptr);
  g_hGuarded = CreateThread(nullptr, 0, &HelperProc, nullptr, 0, nullptr);
  g_pump = std::thread(&Pump, 1);
  g_pool.start();
}

// CHECK: :[[@LINE+5]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_hHelper' inside 'DllMain' (DLL_THREAD_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
// CHECK: :[[@LINE+7]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
// CHECK: :[[@LINE+20]]:5: note: 'DllMain' calls 'waitHelper' here (DLL_THREAD_DETACH)
// CHECK: :[[@LINE-11]]:15: note: the waited thread is started here by 'CreateThread', running 'HelperProc'
static void waitHelper() {
  WaitForSingleObject(g_hHelper, INFINITE);
}

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_PROCESS_ATTACH) {
    // CHECK: :[[@LINE+4]]:5: warning: 'WaitForSingleObject' waits on thread handle 'hInit' inside 'DllMain' (DLL_PROCESS_ATTACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-3]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE+1]]:20: note: the waited thread is started here by 'CreateThread', running 'InitProc'
    HANDLE hInit = CreateThread(nullptr, 0, &InitProc, nullptr, 0, nullptr);
    WaitForSingleObject(hInit, INFINITE);
    CloseHandle(hInit);
  }
  if (fdwReason == DLL_THREAD_ATTACH) {
    // Clean: an event, not a thread.
    WaitForSingleObject(g_hReady, INFINITE);
  }
  if (fdwReason == DLL_THREAD_DETACH)
    waitHelper();
  if (fdwReason == DLL_PROCESS_DETACH) {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 'g_pump' inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-17]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE-30]]:12: note: the waited thread is started here by 'std::thread', running 'Pump'
    g_pump.join();
    g_pool.shutdown();
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForMultipleObjects' waits on thread handle 'g_hPair' inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-22]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE-37]]:18: note: the waited thread is started here by 'CreateThread', running 'HelperProc'
    WaitForMultipleObjects(2, g_hPair, TRUE, INFINITE);
    // Guarded by the handle, but no ordinary code ever waits for it.
    // CHECK: :[[@LINE+4]]:7: warning: 'WaitForSingleObject' waits on thread handle 'g_hGuarded' inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
    // CHECK: :[[@LINE-27]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    // CHECK: :[[@LINE-41]]:16: note: the waited thread is started here by 'CreateThread', running 'HelperProc'
    if (g_hGuarded)
      WaitForSingleObject(g_hGuarded, INFINITE);
  }
  return TRUE;
}
