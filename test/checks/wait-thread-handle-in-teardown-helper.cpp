// shutdown-wait-thread-handle-in-teardown through a helper that waits on its
// parameter: the handle passed by the destructor is a thread handle, so the
// helper's wait, reached from teardown, waits on a thread handle.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static DWORD WINAPI ThreadProc(LPVOID) { return 0; }

static void waitAndClose(HANDLE &H) {
  // CHECK: :[[@LINE+3]]:3: warning: 'WaitForSingleObject' waits on thread handle 'H' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
  // CHECK: :[[@LINE+15]]:8: note: 'gWorker' has static storage: it is destroyed at exit
  // CHECK: :[[@LINE+9]]:15: note: 'Worker::~Worker' calls 'waitAndClose' here
  WaitForSingleObject(H, INFINITE);
  CloseHandle(H);
  H = nullptr;
}

class Worker {
public:
  Worker() { m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr); }
  ~Worker() { waitAndClose(m_hThread); }

private:
  HANDLE m_hThread;
};
Worker gWorker;

// Negative: a helper that is given only event handles.
static void waitForSignal(HANDLE H) { WaitForSingleObject(H, INFINITE); }
class Latch {
public:
  Latch() { m_hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr); }
  ~Latch() { waitForSignal(m_hEvent); }

private:
  HANDLE m_hEvent;
};
Latch gLatch;

int main() {}
