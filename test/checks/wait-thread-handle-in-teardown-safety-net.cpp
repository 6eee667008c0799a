// shutdown-wait-thread-handle-in-teardown: what is not a hazard. Waits on
// handles that are not threads (events, a child process), polls (timeout 0)
// and the safety net: a teardown wait guarded by the handle (or a flag) while
// an explicit UnInit that waits on the same handle is called by ordinary code.
// Half a safety net is still reported.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>

static DWORD WINAPI ThreadProc(LPVOID) { return 0; }

// ---- Negatives: not thread handles, or not blocking. ----------------------

// An event handle and a child process handle, waited on at exit.
class Launcher {
public:
  void Start(wchar_t *CommandLine) {
    m_hDone = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    STARTUPINFOW Si = {sizeof(Si)};
    PROCESS_INFORMATION Pi = {};
    if (CreateProcessW(nullptr, CommandLine, nullptr, nullptr, FALSE, 0, nullptr, nullptr, &Si, &Pi))
      m_hChild = Pi.hProcess;
  }
  ~Launcher() {
    WaitForSingleObject(m_hDone, INFINITE);
    WaitForSingleObject(m_hChild, INFINITE);
    HANDLE Both[2] = {m_hDone, m_hChild};
    WaitForMultipleObjects(2, Both, TRUE, INFINITE);
  }

private:
  HANDLE m_hDone = nullptr, m_hChild = nullptr;
};
Launcher gLauncher;

// A thread handle polled with a zero timeout.
class Probe {
public:
  Probe() { m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr); }
  ~Probe() {
    if (WaitForSingleObject(m_hThread, 0) == WAIT_OBJECT_0)
      CloseHandle(m_hThread);
  }

private:
  HANDLE m_hThread;
};
Probe gProbe;

// ---- Negatives: the safety net. -------------------------------------------

// The fix of the case study: UnInit() waits, the destructor only if needed.
class PolicyWorker {
public:
  void Start() { m_hThread = CreateThread(nullptr, 0, ThreadProc, this, 0, nullptr); }
  void UnInit() {
    if (!m_hThread)
      return;
    SetEvent(m_hStop);
    WaitForSingleObject(m_hThread, INFINITE);
    CloseHandle(m_hThread);
    m_hThread = nullptr;
  }
  ~PolicyWorker() { UnInit(); }

private:
  HANDLE m_hThread = nullptr;
  HANDLE m_hStop = nullptr;
};
PolicyWorker gPolicy;

// A guard in the destructor itself, a public Stop() that waits.
class Spooler {
public:
  Spooler() { m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr); }
  void Stop() { WaitForSingleObject(m_hThread, INFINITE); }
  ~Spooler() {
    if (m_hThread != nullptr)
      WaitForSingleObject(m_hThread, INFINITE);
  }

private:
  HANDLE m_hThread;
};
Spooler gSpooler;

// ---- Positives: half a safety net. ----------------------------------------

// Guarded, but no explicit stop exists.
class Lonely {
public:
  Lonely() { m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr); }
  ~Lonely() {
    if (m_hThread)
      // CHECK: :[[@LINE+2]]:7: warning: 'WaitForSingleObject' waits on thread handle 'm_hThread' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-wait-thread-handle-in-teardown]
      // CHECK: :[[@LINE+7]]:8: note: 'gLonely' has static storage: it is destroyed at exit
      WaitForSingleObject(m_hThread, INFINITE);
  }

private:
  HANDLE m_hThread;
};
Lonely gLonely;

// Guarded, but the "stop" only polls: it never waits for the thread.
class Poller {
public:
  Poller() { m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr); }
  bool Finished() { return WaitForSingleObject(m_hThread, 0) == WAIT_OBJECT_0; }
  ~Poller() {
    if (m_running)
      // CHECK: :[[@LINE+2]]:7: warning: 'WaitForSingleObject' waits on thread handle 'm_hThread' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
      // CHECK: :[[@LINE+8]]:8: note: 'gPoller' has static storage: it is destroyed at exit
      WaitForSingleObject(m_hThread, INFINITE);
  }

private:
  bool m_running = true;
  HANDLE m_hThread;
};
Poller gPoller;

// An explicit stop is called, but the teardown wait is not guarded.
class Unguarded {
public:
  Unguarded() { m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr); }
  void Stop() { WaitForSingleObject(m_hThread, INFINITE); }
  ~Unguarded() {
    // CHECK: :[[@LINE+2]]:5: warning: 'WaitForSingleObject' waits on thread handle 'm_hThread' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+7]]:11: note: 'gUnguarded' has static storage: it is destroyed at exit
    WaitForSingleObject(m_hThread, INFINITE);
  }

private:
  HANDLE m_hThread;
};
Unguarded gUnguarded;

int main() {
  gLauncher.Start(nullptr);
  gPolicy.Start();
  gPolicy.UnInit();
  gSpooler.Stop();
  gUnguarded.Stop();
  gPoller.Finished();
}
