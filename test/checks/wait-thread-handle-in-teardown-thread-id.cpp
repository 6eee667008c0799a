// Threads known by their ID: the ID from CreateThread's out-parameter or
// from GetThreadId, stored, and later turned back into a handle with
// OpenThread and waited on. The wait is on a thread handle, and the note
// says where that thread was started. An ID of a process is not a thread.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static DWORD WINAPI run(LPVOID) { return 0; }

// CHECK: :[[@LINE+1]]:8: warning: 'Monitor' has a static-storage instance and its thread 'Monitor::id' stops only during static teardown{{.*}} [shutdown-singleton-thread-without-uninit]
struct Monitor {
  // CHECK: :[[@LINE+1]]:27: note: thread 'Monitor::id' is started here by 'CreateThread', running 'run'
  Monitor() { CloseHandle(CreateThread(nullptr, 0, run, nullptr, 0, &id)); }
  ~Monitor() {
    HANDLE h = OpenThread(SYNCHRONIZE, FALSE, id);
    // CHECK: :[[@LINE+1]]:5: warning: 'WaitForSingleObject' waits on thread handle 'h' during static teardown{{.*}} [shutdown-wait-thread-handle-in-teardown]
    WaitForSingleObject(h, INFINITE);
    CloseHandle(h);
  }
  DWORD id = 0;
};
Monitor gMonitor;

// The ID from GetThreadId, kept after the handle is closed.
// CHECK: :[[@LINE+1]]:8: warning: 'Pump' has a static-storage instance and its thread 'Pump::tid' stops only during static teardown{{.*}} [shutdown-singleton-thread-without-uninit]
struct Pump {
  Pump() {
    // CHECK: :[[@LINE+1]]:16: note: thread 'Pump::tid' is started here by 'CreateThread', running 'run'
    HANDLE h = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
    tid = GetThreadId(h);
    CloseHandle(h);
  }
  ~Pump() {
    if (HANDLE h = OpenThread(SYNCHRONIZE, FALSE, tid)) {
      // CHECK: :[[@LINE+1]]:7: warning: 'WaitForSingleObject' waits on thread handle 'h' during static teardown{{.*}} [shutdown-wait-thread-handle-in-teardown]
      WaitForSingleObject(h, INFINITE);
      CloseHandle(h);
    }
  }
  DWORD tid = 0;
};
Pump gPump;

// The ID the thread's routine stores for itself.
// CHECK: :[[@LINE+1]]:8: warning: 'Self' has a static-storage instance and its thread 'Self::id' stops only during static teardown{{.*}} [shutdown-singleton-thread-without-uninit]
struct Self {
  Self() {
    // CHECK: :[[@LINE+1]]:17: note: thread 'Self::id' is started here by 'CreateThread', running 'Self::main'
    CloseHandle(CreateThread(nullptr, 0, &Self::main, this, 0, nullptr));
  }
  static DWORD WINAPI main(LPVOID p) {
    static_cast<Self *>(p)->id = GetCurrentThreadId();
    return 0;
  }
  ~Self() {
    HANDLE h = OpenThread(SYNCHRONIZE, FALSE, id);
    // CHECK: :[[@LINE+2]]:5: warning: 'WaitForSingleObject' waits on thread handle 'h' during static teardown{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: note: the waited thread is started here by 'CreateThread', running 'Self::main'
    WaitForSingleObject(h, INFINITE);
  }
  DWORD id = 0;
};
Self gSelf;

// ---- Negative: the ID of a process, and its handle. -----------------------

struct Child {
  Child() {
    STARTUPINFOA si{};
    PROCESS_INFORMATION pi{};
    CreateProcessA(nullptr, nullptr, nullptr, nullptr, FALSE, 0, nullptr,
                   nullptr, &si, &pi);
    pid = pi.dwProcessId;
  }
  ~Child() {
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, pid);
    WaitForSingleObject(h, INFINITE);
  }
  DWORD pid = 0;
};
Child gChild;

int main() {}
