// The plugin's exports, called by the host through GetProcAddress.
#include "policy_worker.h"

extern "C" __declspec(dllexport) int PluginStart() {
  return PolicyWorker::Instance().Start() ? 0 : 1;
}

extern "C" __declspec(dllexport) void PluginStop() {
  // Flushes the plugin's state, but nothing stops the worker thread: the
  // singleton has no UnInit, so its destructor is left to do it.
  PolicyWorker::Instance().Post(0);
}

BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved) {
  if (Reason == DLL_PROCESS_ATTACH)
    DisableThreadLibraryCalls(Instance);
  return TRUE;
}
