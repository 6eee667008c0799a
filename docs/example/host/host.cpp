// The host: loads the policy plugin, starts it, stops it and unloads it.
#include <windows.h>

using PluginFn = int (*)();

int main() {
  HMODULE Plugin = LoadLibraryW(L"xxxPolicy.dll");
  if (!Plugin)
    return 1;
  auto Start = reinterpret_cast<PluginFn>(GetProcAddress(Plugin, "PluginStart"));
  auto Stop = reinterpret_cast<void (*)()>(GetProcAddress(Plugin, "PluginStop"));
  if (Start && Stop && Start() == 0)
    Stop();
  FreeLibrary(Plugin); // Hangs: the plugin's static destructors wait here.
  return 0;
}
