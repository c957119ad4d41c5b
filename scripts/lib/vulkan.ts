import { existsSync } from 'node:fs';

/** The software Vulkan driver Debian's `chromium` ships; Debian's `libvulkan1` loads it. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Points Vulkan at SwiftShader unless VK_ICD_FILENAMES already names a driver. Call it only in a
 * process that has not loaded Dawn: the processes it starts inherit the setting, while changing
 * the environment of a process with Dawn's threads running corrupts memory.
 */
export function useSwiftShaderUnlessSet(): void {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
}
