namespace SynthVault.Llm;

/// <summary>
/// The ggml tensor types of the llama.cpp that LLamaSharp 0.30.0 bundles (commit c0c7e147): block size and bytes
/// per block, from ggml-common.h's block structs, and llama.h's file-type names.
/// </summary>
internal static class GgmlTypes
{
    // (name, elements per block, bytes per block) indexed by ggml_type; null for ids removed from ggml.
    private static readonly (string Name, int BlockSize, int TypeSize)?[] Types =
    [
        ("F32", 1, 4), ("F16", 1, 2), ("Q4_0", 32, 18), ("Q4_1", 32, 20), null, null, ("Q5_0", 32, 22), ("Q5_1", 32, 24),
        ("Q8_0", 32, 34), ("Q8_1", 32, 36), ("Q2_K", 256, 84), ("Q3_K", 256, 110), ("Q4_K", 256, 144), ("Q5_K", 256, 176),
        ("Q6_K", 256, 210), ("Q8_K", 256, 292), ("IQ2_XXS", 256, 66), ("IQ2_XS", 256, 74), ("IQ3_XXS", 256, 98),
        ("IQ1_S", 256, 50), ("IQ4_NL", 32, 18), ("IQ3_S", 256, 110), ("IQ2_S", 256, 82), ("IQ4_XS", 256, 136),
        ("I8", 1, 1), ("I16", 1, 2), ("I32", 1, 4), ("I64", 1, 8), ("F64", 1, 8), ("IQ1_M", 256, 56), ("BF16", 1, 2),
        null, null, null, ("TQ1_0", 256, 54), ("TQ2_0", 256, 66), null, null, null, ("MXFP4", 32, 17), ("NVFP4", 64, 36),
    ];

    // llama_ftype values (llama.h) to the names llama.cpp's tools print.
    private static readonly Dictionary<uint, string> FileTypes = new()
    {
        [0] = "F32", [1] = "F16", [2] = "Q4_0", [3] = "Q4_1", [7] = "Q8_0", [8] = "Q5_0", [9] = "Q5_1", [10] = "Q2_K",
        [11] = "Q3_K_S", [12] = "Q3_K_M", [13] = "Q3_K_L", [14] = "Q4_K_S", [15] = "Q4_K_M", [16] = "Q5_K_S",
        [17] = "Q5_K_M", [18] = "Q6_K", [19] = "IQ2_XXS", [20] = "IQ2_XS", [21] = "Q2_K_S", [22] = "IQ3_XS",
        [23] = "IQ3_XXS", [24] = "IQ1_S", [25] = "IQ4_NL", [26] = "IQ3_S", [27] = "IQ3_M", [28] = "IQ2_S",
        [29] = "IQ2_M", [30] = "IQ4_XS", [31] = "IQ1_M", [32] = "BF16", [36] = "TQ1_0", [37] = "TQ2_0",
        [38] = "MXFP4_MOE", [39] = "NVFP4",
    };

    public static bool TryGet(uint type, out string name, out int blockSize, out int typeSize)
    {
        if (type < Types.Length && Types[type] is { } t)
        {
            (name, blockSize, typeSize) = t;
            return true;
        }

        (name, blockSize, typeSize) = (string.Empty, 0, 0);
        return false;
    }

    public static string? FileTypeName(uint fileType) => FileTypes.GetValueOrDefault(fileType);
}
