// shutdown.WaitForSignalAtProcessExit, path-sensitive: a DllMain path that
// may be DLL_PROCESS_DETACH with lpvReserved != NULL (through a helper given
// both), and the DLL's static destructors and atexit handlers. An event made
// on the path or stored where the facts say one is; a future, a condition
// variable. Not reported: the FreeLibrary path, after the usual early
// return, a finite timeout, a thread handle, an executable's teardown.
//
// RUN: %clang_analyze_cc1 %cc1_mingw -std=c++20 -verify=expected,dll -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=shutdown.WaitForSignalAtProcessExit -DDEFINE_DLLMAIN
// RUN: %clang_analyze_cc1 %cc1_mingw -std=c++20 -verify=exe -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=shutdown.WaitForSignalAtProcessExit

#include <windows.h>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdlib.h>

// In an executable its teardown is not a DLL's: exe-no-diagnostics

static HANDLE gFlushed, gWorker;
static std::future<int> gResult;

static DWORD WINAPI Proc(LPVOID) { return 0; }

extern "C" __declspec(dllexport) void Start() {
  gFlushed = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  gWorker = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  gResult = std::async(std::launch::async, [] { return 1; });
}

struct Queue {
  std::mutex M;
  std::condition_variable Cv;
  ~Queue() {
    std::unique_lock<std::mutex> L(M);
    Cv.wait(L); // dll-warning{{'std::condition_variable::wait' waits on 'Cv' without a timeout while 'gQueue' is destroyed in the DLL's static teardown, which also runs at process exit: at process exit every other thread is already terminated, so nothing can signal it and the process hangs [shutdown.WaitForSignalAtProcessExit]}}
  }
} gQueue;

static void finish() { gResult.get(); } // dll-warning{{'std::future::get' waits on 'gResult' without a timeout in 'finish', an atexit handler the DLL also runs at process exit}}

static void flush(DWORD Reason, LPVOID Reserved) {
  if (Reason == DLL_PROCESS_DETACH && Reserved)
    WaitForSingleObject(gFlushed, INFINITE); // dll-warning{{'WaitForSingleObject' waits on 'gFlushed' without a timeout inside 'DllMain' (DLL_PROCESS_DETACH, process exit)}}
  if (Reason == DLL_PROCESS_DETACH && !Reserved)
    WaitForSingleObject(gFlushed, INFINITE); // FreeLibrary: clean.
  WaitForSingleObject(gFlushed, 1000);       // Bounded: clean.
  WaitForSingleObject(gWorker, INFINITE);    // A thread: the joins' rule.
}

static void local() {
  HANDLE Ev = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  WaitForSingleObject(Ev, INFINITE); // dll-warning{{'WaitForSingleObject' waits on 'Ev' without a timeout inside 'DllMain' (DLL_PROCESS_DETACH, process exit)}}
}

static void afterEarlyReturn() { WaitForSingleObject(gFlushed, INFINITE); }

#ifdef DEFINE_DLLMAIN
BOOL WINAPI DllMain(HINSTANCE, DWORD Reason, LPVOID Reserved) {
  if (Reason == DLL_PROCESS_ATTACH)
    atexit(finish);
  flush(Reason, Reserved);
  if (Reason == DLL_PROCESS_DETACH && Reserved != nullptr)
    local();
  if (Reason != DLL_PROCESS_DETACH || Reserved)
    return TRUE;
  afterEarlyReturn(); // FreeLibrary only: clean.
  return TRUE;
}
#endif
