# dispositions: What verification found
# Re-run in this folder with: gnuplot chart-dispositions.gp
set terminal svg size 900,540 fixed noenhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'chart-dispositions.svg'
set title "What verification found\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "per cent, with 95 % intervals"
set xtics rotate by 40 right
set xrange [-0.6:5.6]
set bmargin 9
set yrange [0:*]
set key top right
plot 'chart-dispositions.dat' using 0:($5 + $6 > 0 ? NaN : $2):3:4:xtic(1) with yerrorbars pt 7 ps 1.2 lc rgb '#0072B2' title 'estimate and 95 % interval', \
     '' using 0:($6 > 0 ? $2 : NaN):3:4 with yerrorbars pt 6 ps 1.4 lc rgb '#0072B2' title 'few vehicles (under 30, or under 30 repeating): interval may be too narrow'
set terminal pngcairo size 900,540 noenhanced font 'DejaVu Sans,10' background rgb 'white'
set output 'chart-dispositions.png'
replot
set output
