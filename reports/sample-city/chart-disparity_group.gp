# disparity_group: Exposure of each group relative to the city as a whole
# Re-run in this folder with: gnuplot chart-disparity_group.gp
set terminal svg size 900,540 fixed noenhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'chart-disparity_group.svg'
set title "Exposure of each group relative to the city as a whole\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "disparity ratio (1 = the city's rate)"
set xtics rotate by 40 right
set xrange [-0.6:4.6]
set bmargin 9
set yrange [0:*]
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb '#555555'
plot 'chart-disparity_group.dat' using 0:($5 + $6 > 0 ? NaN : $2):3:4:xtic(1) with yerrorbars pt 7 ps 1.2 lc rgb '#0072B2'
set terminal pngcairo size 900,540 noenhanced font 'DejaVu Sans,10' background rgb 'white'
set output 'chart-disparity_group.png'
replot
set output
