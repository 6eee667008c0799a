// shutdown-wait-for-signal-at-process-exit: in a DLL, untimed waits for a
// signal on the paths that run at process exit: DllMain's DLL_PROCESS_DETACH
// where lpvReserved != NULL, the static destructors, atexit handlers and
// destructor functions. Each kind of wait: an event and a semaphore (Win32
// waits), SleepConditionVariable, std::condition_variable (with and without
// a predicate), std::future (std::async), std::latch,
// std::counting_semaphore, pthread_cond_wait. Not findings: finite
// timeouts, waits on thread handles, the FreeLibrary path, a path that the
// usual early return cuts, a DLL_PROCESS_ATTACH wait.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-wait-for-signal-at-process-exit' --config="{CheckOptions: {DllEntryPoints: 'DllMain;OtherEntry'}}" -- %mingw -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-wait-for-signal-at-process-exit' --config="{CheckOptions: {DllEntryPoints: 'DllMain;OtherEntry'}}" -- %mingw -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <pthread.h>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>

static HANDLE gFlushed, gSlots, gWorker;
static CRITICAL_SECTION gLock;
static CONDITION_VARIABLE gReady;
static SRWLOCK gSrw;
static pthread_mutex_t gPm;
static pthread_cond_t gPc;

static DWORD WINAPI Proc(LPVOID) { return 0; }

extern "C" __declspec(dllexport) void Start() {
  gFlushed = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  gSlots = CreateSemaphoreW(nullptr, 0, 4, nullptr);
  gWorker = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
}

struct Queue {
  std::mutex M;
  std::condition_variable Cv;
  bool Empty = false;
  std::future<int> Pending = std::async(std::launch::async, [] { return 1; });
  std::latch Done{1};
  std::counting_semaphore<4> Free{0};

  ~Queue() {
    std::unique_lock<std::mutex> L(M);
    // CHECK: :[[@LINE+2]]:5: warning: 'std::condition_variable::wait' waits on 'Cv' without a timeout while 'gQueue' is destroyed in the DLL's static teardown, which also runs at process exit: at process exit every other thread is already terminated, so nothing can signal it and the process hangs [shutdown-wait-for-signal-at-process-exit]
    // CHECK: :[[@LINE+13]]:14: note: 'gQueue' has static storage: it is destroyed when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
    Cv.wait(L, [this] { return Empty; });
    // CHECK: :[[@LINE+1]]:5: warning: 'std::condition_variable::wait' waits on 'Cv' without a timeout {{.*}}
    Cv.wait(L);
    Cv.wait_for(L, std::chrono::seconds(1)); // Bounded: clean.
    // CHECK: :[[@LINE+1]]:5: warning: 'std::future::get' waits on 'Pending' without a timeout {{.*}}
    Pending.get();
    // CHECK: :[[@LINE+1]]:5: warning: 'std::latch::wait' waits on 'Done' without a timeout {{.*}}
    Done.wait();
    // CHECK: :[[@LINE+1]]:5: warning: 'std::counting_semaphore::acquire' waits on 'Free' without a timeout {{.*}}
    Free.acquire();
  }
};
static Queue gQueue;

// CHECK: :[[@LINE+2]]:3: warning: 'WaitForSingleObject' waits on 'gSlots' without a timeout in 'drain', an atexit handler the DLL also runs at process exit: {{.*}}
static void drain() {
  WaitForSingleObject(gSlots, INFINITE);
  WaitForSingleObject(gSlots, 5000); // Bounded: clean.
}

// CHECK: :[[@LINE+2]]:3: warning: 'pthread_cond_wait' waits on '&gPc' without a timeout in destructor function 'fini', which the DLL also runs at process exit: {{.*}}
__attribute__((destructor)) static void fini() {
  pthread_cond_wait(&gPc, &gPm);
}

static void flush() {
  // CHECK: :[[@LINE+3]]:3: warning: 'WaitForSingleObject' waits on 'gFlushed' without a timeout inside 'DllMain' (DLL_PROCESS_DETACH, process exit): {{.*}}
  // CHECK: :[[@LINE+13]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
  // CHECK: :[[@LINE+20]]:7: note: 'DllMain' calls 'flush' here (DLL_PROCESS_DETACH)
  WaitForSingleObject(gFlushed, INFINITE);
  WaitForSingleObject(gWorker, INFINITE); // A thread handle: another check's.
  // CHECK: :[[@LINE+1]]:3: warning: 'SleepConditionVariableCS' waits on '&gReady' without a timeout inside 'DllMain' (DLL_PROCESS_DETACH, process exit): {{.*}}
  SleepConditionVariableCS(&gReady, &gLock, INFINITE);
  SleepConditionVariableSRW(&gReady, &gSrw, 100, 0); // Bounded: clean.
}

static void flushOnUnload() { WaitForSingleObject(gFlushed, INFINITE); }
static void flushAfterEarlyReturn() { WaitForSingleObject(gSlots, INFINITE); }
static void waitOnAttach() { WaitForSingleObject(gFlushed, INFINITE); }

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  switch (fdwReason) {
  case DLL_PROCESS_ATTACH:
    atexit(drain);
    waitOnAttach(); // Other threads may run: not at process exit.
    break;
  case DLL_PROCESS_DETACH:
    if (lpvReserved != nullptr)
      flush();
    else
      flushOnUnload(); // FreeLibrary: other threads still run.
    break;
  }
  return TRUE;
}

// The usual early return: what follows runs on FreeLibrary only.
BOOL WINAPI OtherEntry(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  if (fdwReason != DLL_PROCESS_DETACH || lpvReserved)
    return TRUE;
  flushAfterEarlyReturn();
  return TRUE;
}
