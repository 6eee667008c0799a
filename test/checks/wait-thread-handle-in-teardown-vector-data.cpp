// shutdown-wait-thread-handle-in-teardown over a std::vector or std::array of
// thread handles, passed to WaitForMultipleObjects as .data() (the usual
// spelling) or as &v[0].
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <array>
#include <vector>
#include <windows.h>

static DWORD WINAPI ThreadProc(LPVOID) { return 0; }

class Pool {
public:
  Pool() {
    for (int I = 0; I < 4; ++I)
      m_threads.push_back(CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr));
  }
  ~Pool() {
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForMultipleObjects' waits on thread handle 'm_threads.data()' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+10]]:6: note: 'gPool' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE-5]]:27: note: the waited thread is started here by 'CreateThread', running 'ThreadProc'
    WaitForMultipleObjects(static_cast<DWORD>(m_threads.size()), m_threads.data(), TRUE, INFINITE);
    // CHECK: :[[@LINE+1]]:5: warning: 'WaitForMultipleObjects' waits on thread handle '&m_threads[0]' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    WaitForMultipleObjects(static_cast<DWORD>(m_threads.size()), &m_threads[0], TRUE, INFINITE);
  }

private:
  std::vector<HANDLE> m_threads;
};
Pool gPool;

class Pair {
public:
  Pair() {
    for (HANDLE &H : m_threads)
      H = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
  }
  ~Pair() {
    // CHECK: :[[@LINE+2]]:5: warning: 'WaitForMultipleObjects' waits on thread handle 'm_threads.data()' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+7]]:6: note: 'gPair' has static storage: it is destroyed at exit
    WaitForMultipleObjects(2, m_threads.data(), TRUE, INFINITE);
  }

private:
  std::array<HANDLE, 2> m_threads;
};
Pair gPair;

// Negative: a vector of event handles.
class Signals {
public:
  Signals() {
    for (int I = 0; I < 2; ++I)
      m_events.push_back(CreateEventW(nullptr, TRUE, FALSE, nullptr));
  }
  ~Signals() { WaitForMultipleObjects(2, m_events.data(), TRUE, INFINITE); }

private:
  std::vector<HANDLE> m_events;
};
Signals gSignals;

int main() {}
