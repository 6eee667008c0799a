// shutdown.WaitThreadHandleInTeardown, path-sensitive: the waited value is
// the one the path holds, traced through locals, struct fields, arrays and
// helper calls to what made it. CreateThread, _beginthreadex and OpenThread
// make thread handles; CreateEvent and CreateProcess do not; a handle the
// path found NULL or closed is not waited on. A value the path did not
// write (a member, a global) is a thread handle when the unit stores one
// there. Every function below is an atexit handler, run at exit.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 -verify -verify-ignore-unexpected=note %s

#include <windows.h>
#include <process.h>
#include <stdlib.h>
#include <vector>

static DWORD WINAPI Proc(LPVOID) { return 0; }
static unsigned __stdcall BeginProc(void *) { return 0; }

static HANDLE startWorker() {
  return CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
}
static HANDLE makeEvent() { return CreateEventW(nullptr, TRUE, FALSE, nullptr); }

// Locals, and what helpers return.
static void locals() {
  HANDLE T = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  WaitForSingleObject(T, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'T' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed}}
  HANDLE E = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  WaitForSingleObject(E, INFINITE); // An event: clean.
  HANDLE B = reinterpret_cast<HANDLE>(
      _beginthreadex(nullptr, 0, &BeginProc, nullptr, 0, nullptr));
  WaitForSingleObjectEx(B, INFINITE, FALSE); // expected-warning{{'WaitForSingleObjectEx' waits on thread handle 'B'}}
  HANDLE O = OpenThread(SYNCHRONIZE, FALSE, 42);
  WaitForSingleObject(O, 1000); // expected-warning{{'WaitForSingleObject' waits up to 1000 ms on thread handle 'O' during static teardown; exit stalls for up to 1000 ms}}
  HANDLE W = startWorker();
  WaitForSingleObject(W, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'W'}}
  HANDLE M = makeEvent();
  WaitForSingleObject(M, INFINITE); // An event from a helper: clean.
  HANDLE Copy = M;
  Copy = W;
  WaitForSingleObject(Copy, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'Copy'}}
}

// Struct fields.
struct Job {
  HANDLE Thread;
  HANDLE Done;
};
static void fields() {
  Job J;
  J.Done = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  J.Thread = startWorker();
  WaitForSingleObject(J.Done, INFINITE); // Clean.
  WaitForSingleObject(J.Thread, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'J.Thread'}}
}

// Arrays: WaitForMultipleObjects waits on a thread if any handle is one.
static void arrays() {
  HANDLE Mixed[2];
  Mixed[0] = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  Mixed[1] = startWorker();
  WaitForMultipleObjects(2, Mixed, TRUE, INFINITE); // expected-warning{{'WaitForMultipleObjects' waits on thread handle 'Mixed'}}
  HANDLE Events[2] = {makeEvent(), makeEvent()};
  WaitForMultipleObjects(2, Events, TRUE, INFINITE); // Clean.
  WaitForMultipleObjects(2, Mixed, TRUE, 0);         // A poll: clean.
}

// CreateProcess: a process and its primary thread belong to another
// process, which does not need this one's loader lock to exit.
static void processes() {
  STARTUPINFOW SI = {};
  PROCESS_INFORMATION PI;
  if (!CreateProcessW(L"child.exe", nullptr, nullptr, nullptr, FALSE, 0,
                      nullptr, nullptr, &SI, &PI))
    return;
  WaitForSingleObject(PI.hProcess, INFINITE); // Clean.
  WaitForSingleObject(PI.hThread, INFINITE);  // Clean.
}

// NULL and closed on the path.
static HANDLE g_hNever;
static HANDLE g_hWorker;
static HANDLE g_hPool[2];
static void nullOrClosed() {
  HANDLE None = nullptr;
  WaitForSingleObject(None, INFINITE); // Clean: NULL.
  if (!g_hWorker)
    WaitForSingleObject(g_hWorker, INFINITE); // Clean: NULL on this path.
  HANDLE T = startWorker();
  CloseHandle(T);
  WaitForSingleObject(T, INFINITE); // Clean: closed.
  g_hNever = nullptr;
  WaitForSingleObject(g_hNever, INFINITE); // Clean: NULL.
}

// Values the path did not write: what the unit stores there decides, also
// behind a container's accessors, which the analyzer does not enter.
static HANDLE g_hDup;
static HANDLE g_hReady;
static std::vector<HANDLE> g_workers, g_signals;
static void stored() {
  WaitForMultipleObjects(DWORD(g_workers.size()), g_workers.data(), TRUE, INFINITE); // expected-warning{{'WaitForMultipleObjects' waits on thread handle 'g_workers.data()'}}
  WaitForSingleObject(g_workers.front(), INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_workers.front()'}}
  WaitForMultipleObjects(DWORD(g_signals.size()), g_signals.data(), TRUE, INFINITE); // Events: clean.
  WaitForSingleObject(g_hWorker, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hWorker'}}
  WaitForSingleObject(g_hReady, INFINITE);  // An event is stored there: clean.
  WaitForSingleObject(g_hDup, INFINITE);    // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hDup'}}
  WaitForMultipleObjects(2, g_hPool, TRUE, INFINITE); // expected-warning{{'WaitForMultipleObjects' waits on thread handle 'g_hPool'}}
}

int main() {
  g_hReady = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hWorker = startWorker();
  g_workers.push_back(CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr));
  g_signals.push_back(makeEvent());
  for (HANDLE &H : g_hPool)
    H = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  DuplicateHandle(GetCurrentProcess(), g_hWorker, GetCurrentProcess(),
                  &g_hDup, 0, FALSE, DUPLICATE_SAME_ACCESS);
  atexit(locals);
  atexit(fields);
  atexit(arrays);
  atexit(processes);
  atexit(nullOrClosed);
  atexit(stored);
  return 0;
}
