// shutdown-wait-thread-handle-in-teardown with a handle that a global or a
// member is initialized with, from a helper that returns CreateThread's
// handle: the initialization carries the handle as an assignment does.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-wait-thread-handle-in-teardown' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-wait-thread-handle-in-teardown' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static DWORD WINAPI Work(LPVOID) { return 0; }
static HANDLE startWorker() {
  return CreateThread(nullptr, 0, Work, nullptr, 0, nullptr);
}
static HANDLE makeEvent() { return CreateEventW(nullptr, TRUE, FALSE, nullptr); }

HANDLE gWorker = startWorker();

class Pump {
public:
  Pump() : m_hThread(startWorker()), m_hEvent(makeEvent()) {}
  ~Pump() {
    // CHECK: :[[@LINE+1]]:5: warning: 'WaitForSingleObject' waits on thread handle 'm_hThread' during static teardown{{.*}} [shutdown-wait-thread-handle-in-teardown]
    WaitForSingleObject(m_hThread, INFINITE);
    // Negative: an event, initialized the same way.
    WaitForSingleObject(m_hEvent, INFINITE);
  }

private:
  HANDLE m_hThread;
  HANDLE m_hEvent;
};
Pump gPump;

struct Joiner {
  ~Joiner() {
    // CHECK: :[[@LINE+2]]:5: warning: 'WaitForSingleObject' waits on thread handle 'gWorker' during static teardown{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE-25]]:10: note: the waited thread is started here by 'CreateThread', running 'Work'
    WaitForSingleObject(gWorker, INFINITE);
  }
} gJoiner;
