// shutdown-wait-thread-handle-in-teardown: every Win32 wait function, on a
// thread handle, reached from static teardown (a static's destructor or an
// atexit handler) of an executable. A wait is never also reported as a join.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <stdlib.h>
#include <windows.h>

static DWORD WINAPI ThreadProc(LPVOID) { return 0; }

// ---- WaitForSingleObject on a member, in a static's destructor. -----------

class Worker {
public:
  Worker() { m_hThread = CreateThread(nullptr, 0, ThreadProc, this, 0, nullptr); }
  ~Worker() {
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForSingleObject' waits on thread handle 'm_hThread' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+9]]:8: note: 'gWorker' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE-4]]:26: note: the waited thread is started here by 'CreateThread', running 'ThreadProc'
    WaitForSingleObject(m_hThread, INFINITE);
    CloseHandle(m_hThread);
  }

private:
  HANDLE m_hThread;
};
Worker gWorker;

// ---- WaitForSingleObjectEx with a finite timeout, in an atexit handler. ---

HANDLE gAlertable;
static void stopAlertable() {
  // CHECK: :[[@LINE+3]]:3: warning: 'WaitForSingleObjectEx' waits up to 5000 ms on thread handle 'gAlertable' during static teardown; exit stalls for up to 5000 ms if the thread does not finish [shutdown-wait-thread-handle-in-teardown]
  // CHECK: :[[@LINE+89]]:3: note: 'stopAlertable' is registered with 'atexit' here: it runs at exit
  // CHECK: :[[@LINE+84]]:16: note: the waited thread is started here by 'CreateThread', running 'ThreadProc'
  WaitForSingleObjectEx(gAlertable, 5000, TRUE);
}

// ---- WaitForMultipleObjects(Ex) over arrays of thread handles. ------------

class Pool {
public:
  Pool() {
    for (int I = 0; I < 4; ++I)
      m_threads[I] = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
  }
  ~Pool() {
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForMultipleObjects' waits on thread handle 'm_threads' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+8]]:6: note: 'gPool' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE-5]]:22: note: the waited thread is started here by 'CreateThread', running 'ThreadProc'
    WaitForMultipleObjects(4, m_threads, TRUE, INFINITE);
  }

private:
  HANDLE m_threads[4];
};
Pool gPool;

HANDLE gWorkers[2];
static void stopWorkers() {
  // CHECK: :[[@LINE+2]]:3: warning: 'WaitForMultipleObjectsEx' waits on thread handle 'gWorkers' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
  // CHECK: :[[@LINE+62]]:3: note: 'stopWorkers' is registered with 'atexit' here: it runs at exit
  WaitForMultipleObjectsEx(2, gWorkers, TRUE, INFINITE, FALSE);
}

// ---- MsgWaitForMultipleObjects(Ex): a UI thread pumping while it waits. ---

class UiBridge {
public:
  UiBridge() { m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr); }
  ~UiBridge() {
    // CHECK: :[[@LINE+2]]:12: warning: 'MsgWaitForMultipleObjects' waits on thread handle '&m_hThread' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+11]]:10: note: 'gUi' has static storage: it is destroyed at exit
    while (MsgWaitForMultipleObjects(1, &m_hThread, FALSE, INFINITE, QS_ALLINPUT) != WAIT_OBJECT_0)
      pump();
    // CHECK: :[[@LINE+1]]:5: warning: 'MsgWaitForMultipleObjectsEx' waits on thread handle '&m_hThread' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    MsgWaitForMultipleObjectsEx(1, &m_hThread, INFINITE, QS_ALLINPUT, MWMO_INPUTAVAILABLE);
  }

private:
  static void pump() {}
  HANDLE m_hThread;
};
UiBridge gUi;

// ---- SignalObjectAndWait: the waited handle is the second argument. -------

class Stopper {
public:
  Stopper() {
    m_hStop = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
  }
  ~Stopper() {
    // CHECK: :[[@LINE+2]]:5: warning: 'SignalObjectAndWait' waits on thread handle 'm_hThread' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+9]]:9: note: 'gStopper' has static storage: it is destroyed at exit
    SignalObjectAndWait(m_hStop, m_hThread, INFINITE, FALSE);
    // Negative: signals the thread handle, waits on the event.
    SignalObjectAndWait(m_hThread, m_hStop, INFINITE, FALSE);
  }

private:
  HANDLE m_hStop, m_hThread;
};
Stopper gStopper;

// ---- Negatives: the same waits outside teardown or as polls. --------------

HANDLE gPolled;
static void pollAtExit() {
  const DWORD NoWait = 0;
  WaitForSingleObject(gPolled, 0);
  WaitForSingleObjectEx(gPolled, NoWait, FALSE);
  WaitForMultipleObjects(1, &gPolled, TRUE, 0);
  MsgWaitForMultipleObjects(1, &gPolled, FALSE, 0, QS_ALLINPUT);
}

int main() {
  gAlertable = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
  for (HANDLE &H : gWorkers)
    H = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
  gPolled = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
  atexit(stopAlertable);
  atexit(stopWorkers);
  atexit(pollAtExit);

  HANDLE Local = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
  WaitForSingleObject(Local, INFINITE);
  WaitForMultipleObjects(2, gWorkers, TRUE, INFINITE);
}
