// The path of a report, as -analyzer-output=text prints it (scan-build's
// HTML and the plist carry the same events): the root's note and where the
// waited thread starts, then the hang stack from the root down to the
// blocking call, with the conditions that chose the DllMain reason and the
// thread handle made on the path.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 -analyzer-output=text -fno-caret-diagnostics %s \
// RUN:   -analyzer-config shutdown:DllEntryPoints='DllMain;OtherEntry' 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not="{{warning|note}}:"

#include <windows.h>
#include <stdlib.h>

static DWORD WINAPI Proc(LPVOID) { return 0; }

static void waitFor(HANDLE h) {
  WaitForSingleObject(h, INFINITE);
}

static void onThreadAttach(HANDLE h) {
  waitFor(h);
}

// Only one path reaches the wait: with DLL_THREAD_ATTACH. The other
// reasons make no second report, and the event (not a thread) none at all.
//
// CHECK: :[[@LINE-10]]:3: warning: 'WaitForSingleObject' waits on thread handle 'h' inside 'DllMain' (DLL_THREAD_ATTACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown.JoinInDllMain]
// CHECK-NEXT: :[[@LINE+8]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
// CHECK-NEXT: :[[@LINE+8]]:7: note: Assuming 'fdwReason' is equal to DLL_THREAD_ATTACH
// CHECK-NEXT: :[[@LINE+7]]:3: note: Taking true branch
// CHECK-NEXT: :[[@LINE+7]]:16: note: the waited thread is started here by 'CreateThread', running 'Proc'
// CHECK-NEXT: :[[@LINE+7]]:5: note: Calling 'onThreadAttach'
// CHECK-NEXT: :[[@LINE-12]]:3: note: Calling 'waitFor'
// CHECK-NEXT: :[[@LINE-17]]:3: note: 'WaitForSingleObject' waits on thread handle 'h' inside 'DllMain' (DLL_THREAD_ATTACH) while the loader lock is held; the thread needs that lock to exit: deadlock
static HANDLE g_hReady;
BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_THREAD_ATTACH) {
    HANDLE T = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
    onThreadAttach(T);
  }
  waitFor(g_hReady);
  return TRUE;
}

// Static teardown: the static's note, where its thread starts, then the
// destructor entered at unload, down to the wait.
class Worker {
public:
  void start() { h_ = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr); }
  ~Worker() { stop(); }

private:
  void stop() { WaitForSingleObject(h_, INFINITE); }
  HANDLE h_ = nullptr;
};
static Worker TheWorker;
// CHECK: :[[@LINE-4]]:17: warning: 'WaitForSingleObject' waits on thread handle 'h_' during static teardown of a DLL, inside DllMain(DLL_PROCESS_DETACH) under the loader lock; the thread needs that lock to exit: deadlock on FreeLibrary [shutdown.WaitThreadHandleInTeardown]
// CHECK-NEXT: :[[@LINE-2]]:15: note: 'TheWorker' has static storage: it is destroyed when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
// CHECK-NEXT: :[[@LINE-10]]:23: note: the waited thread is started here by 'CreateThread', running 'Proc'
// CHECK-NEXT: :[[@LINE-10]]:3: note: 'TheWorker' is destroyed here when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
// CHECK-NEXT: :[[@LINE-11]]:15: note: Calling 'Worker::stop'
// CHECK-NEXT: :[[@LINE-9]]:17: note: 'WaitForSingleObject' waits on thread handle 'h_' during static teardown of a DLL
// CHECK: :[[@LINE-10]]:17: warning: 'Worker' has a static-storage instance and its thread 'Worker::h_' stops only during static teardown, under the loader lock; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown.SingletonThreadWithoutUninit]
// CHECK-NEXT: :[[@LINE-8]]:15: note: 'TheWorker' has static storage
// CHECK-NEXT: :[[@LINE-16]]:23: note: thread 'Worker::h_' is started here by 'CreateThread', running 'Proc'
// CHECK-NEXT: :[[@LINE-13]]:17: note: it is joined only here, in 'Worker::stop', which runs during teardown
// CHECK-NEXT: :[[@LINE-17]]:3: note: 'TheWorker' is destroyed here when the DLL is unloaded
// CHECK-NEXT: :[[@LINE-18]]:15: note: Calling 'Worker::stop'
// CHECK-NEXT: :[[@LINE-16]]:17: note: 'Worker' has a static-storage instance

// An atexit handler: registered here, run at unload.
static HANDLE g_hUploader;
static void stopUploader() { WaitForSingleObject(g_hUploader, INFINITE); }
// CHECK: :[[@LINE-1]]:30: warning: 'WaitForSingleObject' waits on thread handle 'g_hUploader' during static teardown of a DLL
// CHECK-NEXT: :[[@LINE+6]]:3: note: 'stopUploader' is registered with 'atexit' here: in a DLL it runs at unload, under the loader lock
// CHECK-NEXT: :[[@LINE+4]]:17: note: the waited thread is started here by 'CreateThread', running 'Proc'
// CHECK-NEXT: :[[@LINE-4]]:1: note: 'stopUploader' runs here as an 'atexit' handler, at unload, under the loader lock
// CHECK-NEXT: :[[@LINE-5]]:30: note: 'WaitForSingleObject' waits on thread handle 'g_hUploader'
extern "C" __declspec(dllexport) void Start() {
  g_hUploader = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  atexit(stopUploader);
  TheWorker.start();
}

// An entry point that waits on nothing.
BOOL WINAPI OtherEntry(HINSTANCE, DWORD, LPVOID) { return TRUE; }
