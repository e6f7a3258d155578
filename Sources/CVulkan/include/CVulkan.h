// Vulkan's C types for Swift, without linking the loader: VK_NO_PROTOTYPES leaves out every
// function declaration, so nothing refers to libvulkan at link time; VulkanBackend opens it with
// dlopen and looks each function up. Also the committed SPIR-V of the compute shaders.
#ifndef CVULKAN_H
#define CVULKAN_H

#define VK_NO_PROTOTYPES 1
#include <vulkan/vulkan.h>
#include <stddef.h>
#include <stdint.h>

/// One compute shader compiled by scripts/compile-shaders from Sources/VulkanBackend/Shaders.
typedef struct {
    /// The GLSL file's name without ".comp".
    const char *name;
    const uint32_t *words;
    size_t word_count;
} cvulkan_shader;

/// How many shaders were compiled.
size_t cvulkan_shader_count(void);
/// Shader `index` (0 ..< cvulkan_shader_count()), in file-name order.
const cvulkan_shader *cvulkan_shader_at(size_t index);
/// The first line of `glslc --version` that compiled them.
const char *cvulkan_shader_compiler(void);

#endif
