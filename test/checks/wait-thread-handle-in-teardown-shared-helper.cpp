// shutdown-wait-thread-handle-in-teardown through a helper shared by several
// callers: what the helper waits on is what the call on the reported path
// passes. main passes it a thread handle, teardown an event: no finding; a
// second teardown caller that passes the thread handle is reported.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-wait-thread-handle-in-teardown' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-wait-thread-handle-in-teardown' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static DWORD WINAPI Work(LPVOID) { return 0; }
static HANDLE gThread;

static void waitFor(HANDLE H) { WaitForSingleObject(H, INFINITE); }

// Negative: teardown hands the helper an event.
class Latch {
public:
  Latch() { m_hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr); }
  ~Latch() { waitFor(m_hEvent); }

private:
  HANDLE m_hEvent;
};
Latch gLatch;

// Positive: another helper, which teardown hands the thread handle.
static void waitAgain(HANDLE H) {
  // CHECK: :[[@LINE+1]]:3: warning: 'WaitForSingleObject' waits on thread handle 'H' during static teardown{{.*}} [shutdown-wait-thread-handle-in-teardown]
  WaitForSingleObject(H, INFINITE);
}
struct Joiner {
  ~Joiner() { waitAgain(gThread); }
} gJoiner;

int main() {
  gThread = CreateThread(nullptr, 0, Work, nullptr, 0, nullptr);
  waitFor(gThread);
  waitAgain(nullptr);
}
