# ruang.html and the region maps
ruang-judul = War room { $nama }
ruang-rekap = Tally
ruang-petunjuk-peta = Touch or point at a region to see its figures; touch again to go in.
ruang-unduh-peta = Download the map (SVG)
ruang-tampilan-biasa = Normal view
ruang-layar-besar = Big screen (TV)
ruang-tabel-rekap = Tally table →
ruang-belum-ada-suara = no votes yet
ruang-seri = tie ({ $persen })
ruang-unggul-nilai = { $paslon }, ahead by { $selisih } points
ruang-tps-masuk = TPS reported ({ $persen })
ruang-terverifikasi = verified ({ $tps } TPS)
ruang-unggul = leading in the real count
ruang-hc-nilai = { $paslon } ± { $margin } points
ruang-hc-galat-belum = { $paslon } (error not yet measurable)
ruang-hc-belum = no reports yet
ruang-hc-label = quick count ({ $masuk } of { $sampel } sampled TPS)
ruang-hc-embargo = The quick count is for the team only until 15:00 WIB, { $tanggal } (embargo).
ruang-hc-strata-belum = { $jumlah ->
    [one] { $jumlah } sample stratum has not reported: the estimate does not yet cover the whole region.
   *[other] { $jumlah } sample strata have not reported: the estimate does not yet cover the whole region.
}
peta-belum-ada-batas = No region boundaries under { $kode } yet; import them with: posko import batas FILE
peta-judul-svg = Map of { $induk }: { $warna } per { $tingkat }
peta-warnai-menurut = Colour by
peta-tingkat-wilayah = Region level on the map
peta-tingkat = Level
peta-warna-dpt = Voters (DPT)
peta-warna-target = Target progress
peta-warna-pendukung = Supporters per voter
peta-warna-saksi = Witness coverage
peta-warna-pemimpin = Leading in the real count
peta-warna-sampel = Quick-count sample arrival
peta-tingkat-provinsi = Province
peta-tingkat-kabkota = Regency/City
peta-tingkat-kecamatan = District
peta-tingkat-desa = Village
grafik-hasil-paslon = Votes per candidate pair (real count)
grafik-partisipasi-label = Turnout
grafik-partisipasi = Turnout at the TPS reported so far
grafik-lintasan-laporan = sampled TPS reports in: { $jumlah }
grafik-kurang = { $kurang } short of { $dari }
grafik-celah-target = Largest supporter gaps by area
grafik-belum-ada-data = no data yet
