package io.github.chicorygdbstub.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WasmAddressTest {

    @Test
    void objectAddressesCarryTheModuleIndexAndFileOffset() {
        long address = WasmAddress.object(3, 0x185);
        assertThat(address).isEqualTo(0x4000000300000185L);
        assertThat(WasmAddress.space(address)).isEqualTo(WasmAddress.Space.OBJECT);
        assertThat(WasmAddress.id(address)).isEqualTo(3);
        assertThat(WasmAddress.offset(address)).isEqualTo(0x185);
    }

    @Test
    void memoryZeroIsPlainThirtyTwoBitAddresses() {
        assertThat(WasmAddress.memory(0, 0x103e0)).isEqualTo(0x103e0);
        assertThat(WasmAddress.space(0x103e0)).isEqualTo(WasmAddress.Space.MEMORY);
        assertThat(WasmAddress.id(WasmAddress.memory(2, 8))).isEqualTo(2);
        assertThat(WasmAddress.offset(0xffffffffL)).isEqualTo(0xffffffffL);
    }

    @Test
    void theOtherSpacesAreRecognised() {
        assertThat(WasmAddress.space(0x8000000000000000L)).isEqualTo(WasmAddress.Space.GLOBAL);
        assertThat(WasmAddress.space(0xc000000000000000L)).isEqualTo(WasmAddress.Space.INVALID);
        assertThat(WasmAddress.id(0x7fffffff00000000L)).isEqualTo(0x3fffffff);
    }
}
